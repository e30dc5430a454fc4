import Database from 'better-sqlite3';

/** The longest pause between two tries of a write that found the lock taken (1, 2, 4, 8 ms, then this). */
const MAX_LOCK_RETRY_MS = 8;

const lockRetryMs = (tries: number) => Math.min(2 ** (tries - 1), MAX_LOCK_RETRY_MS);

/**
 * Waiting for a write lock that another connection to the file holds, on timers rather than in
 * SQLite's busy handler. The busy handler sleeps the whole thread: in the request thread, HTTP
 * stops with it. Over a 12 s run of bench:api's steps, the read store's commits of the request
 * thread slept 1.1 s in all while the projection worker committed, 20 of them 20 ms or more.
 *
 * A write is tried with the busy timeout at 0 (`withoutSleeping`): it fails at once with
 * SQLITE_BUSY if the lock is taken. Its owner then asks `retryLater`, which tries again after
 * 1, 2, 4 and 8 ms, then every 8 ms, until `busyWaitMs` has passed since the first refusal.
 * Blocking writes (a store's close) keep SQLite's busy handler, with the same timeout, which the
 * store sets when it opens the file.
 */
export class LockWait {
  private readonly noWait: Database.Statement;
  private readonly restore: Database.Statement;
  private since: number | null = null;
  private tries = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    db: Database.Database,
    private readonly busyWaitMs: number,
  ) {
    // Prepared once: the pragma is set twice a write, and preparing it each time was measurable in a group commit.
    this.noWait = db.prepare('PRAGMA busy_timeout = 0');
    this.restore = db.prepare(`PRAGMA busy_timeout = ${busyWaitMs}`);
  }

  /** Runs a write that fails at once with SQLITE_BUSY if another connection holds the write lock. */
  withoutSleeping<T>(write: () => T): T {
    this.noWait.run();
    try {
      return write();
    } finally {
      this.restore.run();
    }
  }

  /** A retry is scheduled: the write waits for the lock. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  /** Schedules `retry` after a refusal for the lock; false once the write has waited busyWaitMs (the wait is then over). */
  retryLater(retry: () => void): boolean {
    this.since ??= Date.now();
    if (Date.now() - this.since >= this.busyWaitMs) {
      this.done();
      return false;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      retry();
    }, lockRetryMs(++this.tries));
    return true;
  }

  /** The write was made, or refused for good: the next refusal starts a new wait. */
  done(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.since = null;
    this.tries = 0;
  }
}
