import Database from 'better-sqlite3';
import { isBusy } from './sqlite-errors';

/** How long a store's operation waits for a lock another connection holds before it is refused, unless told otherwise (503). */
export const BUSY_WAIT_MS = 5_000;

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

/** An operation waiting for the lock another connection holds; settled once it is made or refused. */
interface Queued {
  operation: () => unknown;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Operations on one connection (direct writes of the read store; the key store's reads and writes)
 * made in the order asked: at once when the lock is free, else waiting for it on timers (LockWait),
 * one that finds another waiting behind it. After busyWaitMs of waiting, every waiting one is
 * refused with SQLITE_BUSY: the lock, not an operation, is at fault.
 */
export class LockQueue {
  private waiting: Queued[] = [];
  private readonly lock: LockWait;

  constructor(db: Database.Database, busyWaitMs: number) {
    this.lock = new LockWait(db, busyWaitMs);
  }

  run<T>(operation: () => T): Promise<T> {
    if (this.waiting.length === 0) {
      try {
        return Promise.resolve(this.lock.withoutSleeping(operation));
      } catch (error) {
        if (!isBusy(error)) return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => {
      const waiting = this.waiting.push({ operation, resolve: resolve as (result: unknown) => void, reject });
      if (waiting === 1 && !this.lock.retryLater(() => this.makeWaiting())) this.makeWaiting();
    });
  }

  /** Makes the waiting operations now, in SQLite's busy handler if need be (a store's close): none is left hanging. */
  drain(): void {
    this.lock.done();
    this.makeWaiting(true);
  }

  /** Makes the waiting operations in order; unless `blocking`, waits on timers again when the lock is still taken. */
  private makeWaiting(blocking = false): void {
    while (this.waiting.length > 0) {
      const [next] = this.waiting;
      try {
        const result = blocking ? next.operation() : this.lock.withoutSleeping(next.operation);
        this.lock.done();
        this.waiting.shift();
        next.resolve(result);
      } catch (error) {
        if (!isBusy(error)) {
          this.waiting.shift();
          next.reject(error);
          continue;
        }
        if (!blocking && this.lock.retryLater(() => this.makeWaiting())) return;
        const refused = this.waiting;
        this.waiting = [];
        for (const queued of refused) queued.reject(error);
      }
    }
  }
}
