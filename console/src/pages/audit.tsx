/** Issue 14: being built (a helper owns this page). */
export function AuditPage() {
  return <p>audit</p>;
}
