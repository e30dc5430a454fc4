/** Issue 14: being built (a helper owns this page). */
export function DashboardPage() {
  return <p>dashboard</p>;
}
