/** Issue 14: being built (a helper owns this page). */
export function ContinuityPage() {
  return <p>continuity</p>;
}
