/** Issue 14: being built (a helper owns this page). */
export function TimelinePage() {
  return <p>timeline</p>;
}
