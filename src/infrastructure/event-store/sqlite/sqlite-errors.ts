/**
 * SQLite failures that mean "the store cannot take this right now" (read-only
 * file, disk full, I/O error, locked by another process for too long, closed):
 * the caller answers 503 and retries later; nothing acknowledged is lost.
 */
const UNAVAILABLE = /^SQLITE_(READONLY|FULL|IOERR|BUSY|LOCKED|CANTOPEN|NOMEM)/;

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.test(code)) return true;
  return error instanceof TypeError && /database connection is not open/.test(error.message);
}

/** Another connection holds the lock (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
