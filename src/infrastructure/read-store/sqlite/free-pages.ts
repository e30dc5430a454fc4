/**
 * Giving a dropped generation's pages back to the file system. SQLite keeps the
 * pages of a dropped table on its free list and the file at its largest: a rebuild
 * of every projection on a 1.03M-event log takes read-models.db from 1,679 MiB to
 * 3,358 MiB (two generations), and without auto-vacuum it stays there once the old
 * generations are dropped (bench:scale, BENCHMARKS.md).
 * With auto_vacuum = INCREMENTAL the file can be cut by `incremental_vacuum(N)`:
 * it moves the last pages into free ones and truncates, N pages at a time, each
 * step its own short write transaction. Readers of other connections go on
 * during a step (WAL); this connection's readers and projection batches go on
 * between steps, as the event loop is given back after each.
 */
import Database from 'better-sqlite3';
import { isBusy } from '../../event-store/sqlite/sqlite-errors';

/** `PRAGMA auto_vacuum`'s value for INCREMENTAL. */
const INCREMENTAL = 2;
/** Pages moved per step: 2 MiB at the default 4 KiB page, a few milliseconds of writing, so that no reader or batch waits long. */
export const PAGES_PER_STEP = 512;

/**
 * Puts the file in incremental auto-vacuum. A fresh file takes the setting as is
 * (it must come before the first table). A file made before this (auto_vacuum NONE)
 * needs one VACUUM to switch, done here at start-up, with a log line: the service
 * itself switches generations when a projection's version changes (not only the
 * rebuild command), so a switch left to the command would leave such deployments
 * growing; start-up is when no projection batch is waiting; and the VACUUM also gives
 * back at once whatever pages dropped generations left free (10 s for a 1,585 MiB file
 * of 1M events' read models, on the loaded 2-core machine of BENCHMARKS.md). It costs
 * start-up time and disk space in proportion to the live read models, once; a second
 * replica starting on the same file waits for it (openSqlite's busy retries, up to
 * 30 s) and then finds the file switched.
 */
export function switchToIncrementalVacuum(db: Database.Database, log: (message: string) => void): void {
  if (autoVacuum(db) === INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  if (autoVacuum(db) === INCREMENTAL) return;
  const before = fileBytes(db);
  const start = process.hrtime.bigint();
  log(`${db.name}: switching to incremental auto-vacuum with one VACUUM (${mib(before)} MiB, ${freePages(db)} free pages); once only`);
  db.exec('VACUUM');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  log(`${db.name}: VACUUM done in ${seconds.toFixed(1)} s, ${mib(before)} -> ${mib(fileBytes(db))} MiB`);
}

/**
 * Cuts the file by its free pages, PAGES_PER_STEP at a time, yielding to the event
 * loop between steps. Stops when none are left, when the store is closed, or when
 * another process holds the write lock (the pages stay free, reused by later
 * writes, and the next drop goes on giving them back).
 */
export async function giveBackFreePages(db: Database.Database, pagesPerStep = PAGES_PER_STEP): Promise<void> {
  while (db.open && autoVacuum(db) === INCREMENTAL) {
    const free = freePages(db);
    if (free === 0) return;
    try {
      db.pragma(`incremental_vacuum(${Math.min(free, pagesPerStep)})`);
    } catch (error) {
      if (isBusy(error)) return;
      throw error;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const autoVacuum = (db: Database.Database) => db.pragma('auto_vacuum', { simple: true }) as number;
const freePages = (db: Database.Database) => db.pragma('freelist_count', { simple: true }) as number;
const fileBytes = (db: Database.Database) =>
  (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
