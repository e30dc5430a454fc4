/** Issue 14: being built (a helper owns this page). */
export function BoardPage() {
  return <p>board</p>;
}
