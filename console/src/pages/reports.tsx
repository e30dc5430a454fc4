/** Issue 14: being built (a helper owns this page). */
export function ReportsPage() {
  return <p>reports</p>;
}
