import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openSqlite } from '../../../src/infrastructure/event-store/sqlite/open-sqlite';

/**
 * Another process holding the file while a store opens it (two replicas starting on one
 * DATA_DIR): a worker thread with its own connection keeps an exclusive lock for `holdMs`.
 */
function holdExclusively(file: string, holdMs: number): Promise<Worker> {
  const worker = new Worker(
    `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
     const db = new Database(${JSON.stringify(file)});
     db.exec('BEGIN EXCLUSIVE');
     require('node:worker_threads').parentPort.postMessage('held');
     setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`,
    { eval: true },
  );
  return new Promise((resolve) => worker.once('message', () => resolve(worker)));
}

describe('opening a SQLite store whose file another connection holds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'open-sqlite-'));
  const file = join(dir, 'store.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A short busy handler, so that the lock outlasts it: as a loaded machine's 5 s can be outlasted.
  const setUp = (db: Database.Database) => {
    db.pragma('busy_timeout = 50');
    db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY)');
  };

  it('fails with SQLITE_BUSY when it may not wait', async () => {
    const holder = await holdExclusively(file, 600);
    expect(() => openSqlite(file, setUp, 0)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SQLITE_BUSY/) }));
    await new Promise((r) => holder.once('exit', r));
  });

  it('waits for the holder and then sets the file up', async () => {
    const holder = await holdExclusively(file, 600);
    const started = Date.now();
    const db = openSqlite(file, setUp, 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 't'").pluck().get()).toBe('t');
    db.close();
    await new Promise((r) => holder.once('exit', r));
  });

  it('does not retry what is not a busy file', () => {
    let calls = 0;
    const broken = () => {
      calls++;
      throw Object.assign(new Error('near "x": syntax error'), { code: 'SQLITE_ERROR' });
    };
    expect(() => openSqlite(join(dir, 'other.db'), broken, 10_000)).toThrow('syntax error');
    expect(calls).toBe(1);
  });
});
