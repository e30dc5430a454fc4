import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadStore } from '../../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { PAGES_PER_STEP } from '../../../src/infrastructure/read-store/sqlite/free-pages';
import { plaintextOnDisk } from '../../support/plaintext-on-disk';

const dir = mkdtempSync(join(tmpdir(), 'read-store-free-pages-'));
let files = 0;
const newFile = () => join(dir, `read-${++files}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Enough documents (~1 KiB each) for the dropped collection to span many vacuum steps. */
const DOCUMENTS = 8 * PAGES_PER_STEP * 4;
const quiet = () => undefined;

async function fill(store: SqliteReadStore, collection: string, count: number, text = 'x'.repeat(1_000)): Promise<void> {
  await store.ensureCollection(collection, [{ fields: ['n'] }]);
  for (let first = 0; first < count; first += 1_000) {
    const docs = Array.from({ length: Math.min(1_000, count - first) }, (_, k) => ({ id: `d${first + k}`, n: first + k, text }));
    await store.insertAllIfAbsent(collection, docs);
  }
}

/** The file's size as SQLite counts it, and on disk once the WAL is checkpointed into it (another connection, as an operator would look). */
function sizes(file: string): { pages: number; bytes: number; onDisk: number; autoVacuum: number } {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    return {
      pages,
      bytes: pages * pageSize,
      onDisk: statSync(file).size,
      autoVacuum: db.pragma('auto_vacuum', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

describe('SqliteReadStore gives dropped collections back to the file system', () => {
  it('shrinks the file to about its size before a large collection was made and dropped', async () => {
    const file = newFile();
    const store = new SqliteReadStore(file, quiet);
    try {
      await fill(store, 'kept_g1', 100);
      const before = sizes(file);
      await fill(store, 'dropped_g1', DOCUMENTS);
      const grown = sizes(file);
      expect(grown.bytes).toBeGreaterThan(before.bytes + DOCUMENTS * 1_000);

      await store.dropCollection('dropped_g1');

      const after = sizes(file);
      expect(after.autoVacuum).toBe(2);
      // A few pages of slack: the pointer map and the schema's own pages.
      expect(after.pages).toBeLessThanOrEqual(before.pages + 8);
      expect(after.onDisk).toBeLessThanOrEqual(before.onDisk + 8 * 4096);
      expect(await store.count('kept_g1')).toBe(100);
    } finally {
      await store.close();
    }
  });

  it('answers reads of another collection between the steps of giving pages back', async () => {
    const file = newFile();
    const store = new SqliteReadStore(file, quiet);
    const observer = new Database(file, { readonly: true });
    try {
      await fill(store, 'kept_g1', 10);
      await fill(store, 'dropped_g1', DOCUMENTS);
      let dropped = false;
      const drop = store.dropCollection('dropped_g1').then(() => (dropped = true));
      // Reads one after another, each noting how many free pages were still waiting when it answered.
      const freeWhenAnswered: number[] = [];
      while (!dropped) {
        expect(await store.get('kept_g1', 'd3')).toMatchObject({ id: 'd3', n: 3 });
        if (!dropped) freeWhenAnswered.push(observer.pragma('freelist_count', { simple: true }) as number);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await drop;
      const whileFree = freeWhenAnswered.filter((free) => free > 0);
      expect(whileFree.length).toBeGreaterThan(2);
      // The free pages went down step by step while the reads answered.
      expect(new Set(whileFree).size).toBeGreaterThan(2);
      expect(observer.pragma('freelist_count', { simple: true })).toBe(0);
    } finally {
      observer.close();
      await store.close();
    }
  });

  it('leaves no plaintext of a dropped generation after the pages were moved and the file cut', async () => {
    const file = join(mkdtempSync(join(dir, 'plain-')), 'read.db');
    const store = new SqliteReadStore(file, quiet);
    try {
      await fill(store, 'kept_g1', 2_000);
      await fill(store, 'profiles_g1', 2_000, '司马蔷薇'.repeat(50));
      await fill(store, 'kept_g2', 2_000);
      await store.dropCollection('profiles_g1');
      expect(plaintextOnDisk(join(file, '..'), ['司马蔷薇'])).toEqual([]);
      expect(await store.count('kept_g2')).toBe(2_000);
    } finally {
      await store.close();
    }
  });

  it('switches a file made without auto-vacuum, once, with a log line, and keeps its documents', async () => {
    const file = newFile();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec(`CREATE TABLE rm_old_g1 (id TEXT PRIMARY KEY, doc TEXT NOT NULL, pos INTEGER NOT NULL) STRICT`);
    const insert = old.prepare('INSERT INTO rm_old_g1 (id, doc, pos) VALUES (?, ?, 0)');
    old.transaction(() => {
      for (let n = 0; n < 3_000; n++) insert.run(`d${n}`, JSON.stringify({ id: `d${n}`, text: 'y'.repeat(1_000) }));
    })();
    old.exec('CREATE TABLE rm_gone_g1 AS SELECT * FROM rm_old_g1');
    old.exec('DROP TABLE rm_gone_g1');
    old.close();
    const bloated = sizes(file);
    expect(bloated.autoVacuum).toBe(0);

    const logged: string[] = [];
    const store = new SqliteReadStore(file, (message) => logged.push(message));
    try {
      expect(await store.count('old_g1')).toBe(3_000);
      expect(await store.get('old_g1', 'd42')).toMatchObject({ id: 'd42' });
    } finally {
      await store.close();
    }
    const switched = sizes(file);
    expect(switched.autoVacuum).toBe(2);
    expect(switched.pages).toBeLessThan(bloated.pages * 0.6);
    expect(logged).toEqual([expect.stringContaining('VACUUM'), expect.stringContaining('VACUUM done')]);

    const again: string[] = [];
    await new SqliteReadStore(file, (message) => again.push(message)).close();
    expect(again).toEqual([]);
  });
});
