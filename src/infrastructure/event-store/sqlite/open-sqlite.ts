import Database from 'better-sqlite3';
import { isBusy } from './sqlite-errors';

/** How long a store's opening waits for another process that holds its file. */
const OPEN_WAIT_MS = 30_000;

/**
 * Opens a SQLite file and sets it up (pragmas, schema) with `setUp`, retrying while the file
 * is busy. Two service processes starting on one DATA_DIR set up the same fresh files at
 * once; SQLite's busy handler does not cover every such meeting (it answers SQLITE_BUSY at
 * once where waiting could deadlock, and gives up after its 5 s on a machine loaded enough),
 * and a replica that exits at start-up on "database is locked" is a failure the operator
 * cannot explain. Anything but SQLITE_BUSY fails at once.
 */
export function openSqlite(file: string, setUp: (db: Database.Database) => void, waitMs = OPEN_WAIT_MS): Database.Database {
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    const db = new Database(file);
    try {
      setUp(db);
      return db;
    } catch (error) {
      db.close();
      if (!isBusy(error) || Date.now() > deadline) throw error;
      sleep(Math.min(50 * attempt, 500));
    }
  }
}

/** Blocks the thread: stores are opened synchronously, at start-up, before any request is served. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
