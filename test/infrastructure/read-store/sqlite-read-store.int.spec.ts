import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadStore } from '../../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { readStoreContract } from './read-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'read-store-'));
let files = 0;
const newFile = () => join(dir, `read-${++files}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

readStoreContract('SQLite (file)', () => ({
  open: async () => new SqliteReadStore(newFile()),
  dispose: (store) => store.close(),
}));

readStoreContract('SQLite (:memory:)', () => ({
  open: async () => new SqliteReadStore(':memory:'),
  dispose: (store) => store.close(),
}));

describe('SqliteReadStore', () => {
  it('opens the file in WAL mode and keeps documents and checkpoints across reopening', async () => {
    const file = newFile();
    const store = new SqliteReadStore(file);
    await store.applyBatch({ checkpoint: 'p', position: 7n, writes: [{ op: 'upsert', collection: 'things', doc: { id: 'a', n: 1 }, position: 7n }] });
    await store.close();

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
    const reopened = new SqliteReadStore(file);
    try {
      expect(await reopened.get('things', 'a')).toEqual({ id: 'a', n: 1 });
      expect(await reopened.getCheckpoint('p')).toBe(7n);
    } finally {
      await reopened.close();
    }
  });

  it('sees collections that another connection to the file drops and creates (the rebuild command)', async () => {
    const file = newFile();
    const api = new SqliteReadStore(file);
    const cli = new SqliteReadStore(file);
    try {
      await api.ensureCollection('things_g1', [{ fields: ['n'] }]);
      await api.upsert('things_g1', { id: 'a', n: 1 });
      expect(await api.find('things_g1', { filter: { n: 1 } })).toEqual([{ id: 'a', n: 1 }]);
      await cli.dropCollection('things_g1');
      expect(await api.get('things_g1', 'a')).toBeNull();
      expect(await api.find('things_g1', { filter: { n: 1 } })).toEqual([]);
      expect(await api.count('things_g1')).toBe(0);
      await cli.ensureCollection('things_g1', []);
      await cli.upsert('things_g1', { id: 'b', n: 1 });
      expect(await api.find('things_g1', { filter: { n: 1 } })).toEqual([{ id: 'b', n: 1 }]);
      await cli.dropCollection('things_g1');
      await api.applyBatch({ checkpoint: 'p', position: 3n, writes: [{ op: 'upsert', collection: 'things_g1', doc: { id: 'c' }, position: 3n }] });
      expect(await cli.find('things_g1')).toEqual([{ id: 'c' }]);
    } finally {
      await api.close();
      await cli.close();
    }
  });

  it('answers indexed filters from the expression indexes (EXPLAIN QUERY PLAN)', async () => {
    const store = new SqliteReadStore(':memory:');
    try {
      await store.ensureCollection('people', [{ fields: ['dept', 'age'] }, { fields: ['address.city'] }, { fields: ['email'], unique: true }]);
      for (let i = 0; i < 50; i++) {
        await store.upsert('people', { id: `e${i}`, dept: `d${i % 5}`, age: 20 + i, email: `e${i}@x.cn`, address: { city: `c${i % 7}` } });
      }
      const plan = (options: Parameters<SqliteReadStore['queryPlan']>[1]) => store.queryPlan('people', options).then((p) => p.join('\n'));
      expect(await plan({ filter: { dept: 'd1', age: { $gte: 30 } } })).toMatch(/USING INDEX "?rm_people__dept__age"?/);
      expect(await plan({ filter: { dept: { $in: ['d1', 'd2'] } } })).toMatch(/USING INDEX "?rm_people__dept__age"?/);
      expect(await plan({ filter: { 'address.city': 'c3' } })).toMatch(/USING INDEX "?rm_people__address\.city"?/);
      expect(await plan({ filter: { email: 'e3@x.cn' } })).toMatch(/USING INDEX "?rm_people__email__unique"?/);
      expect(await plan({ filter: { id: 'e3' } })).toMatch(/USING INDEX sqlite_autoindex_rm_people_1|USING PRIMARY KEY/);
      // The plan must be able to fail: an unindexed field scans the table.
      expect(await plan({ filter: { name: 'x' } })).toMatch(/SCAN rm_people/);
    } finally {
      await store.close();
    }
  });

  it('rolls a batch back entirely when one of its writes fails', async () => {
    const store = new SqliteReadStore(':memory:');
    try {
      await store.ensureCollection('users', [{ fields: ['email'], unique: true }]);
      await store.upsert('users', { id: 'a', email: 'taken' });
      const failing = {
        checkpoint: 'p',
        position: 5n,
        writes: [
          { op: 'upsert' as const, collection: 'fresh', doc: { id: 'x' }, position: 4n },
          { op: 'upsert' as const, collection: 'users', doc: { id: 'b', email: 'taken' }, position: 5n },
        ],
      };
      // toMatchObject, not toThrow: see `rejected` in the contract.
      await expect(store.applyBatch(failing)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect(await store.getCheckpoint('p')).toBeNull();
      expect(await store.listCollections('fresh')).toEqual([]);
      expect(await store.find('users')).toEqual([{ id: 'a', email: 'taken' }]);
      // The store recovers: the collection the failed batch created (and rolled back) can be written again.
      await store.applyBatch({ ...failing, writes: [failing.writes[0]] });
      expect(await store.get('fresh', 'x')).toEqual({ id: 'x' });
      expect(await store.getCheckpoint('p')).toBe(5n);
    } finally {
      await store.close();
    }
  });

  it('refuses positions that do not fit a signed 64-bit integer', async () => {
    const store = new SqliteReadStore(':memory:');
    try {
      await expect(store.applyBatch({ checkpoint: 'p', position: 2n ** 63n, writes: [] })).rejects.toThrow(RangeError);
      await expect(store.applyBatch({ checkpoint: 'p', position: -1n, writes: [] })).rejects.toThrow(RangeError);
      expect(await store.getCheckpoint('p')).toBeNull();
    } finally {
      await store.close();
    }
  });
});
