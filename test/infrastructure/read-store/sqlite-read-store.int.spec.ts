import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadStore } from '../../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { readStoreContract } from './read-store.contract';
import { Projection } from '../../../src/projections/projection';
import { readPointer, switchTo } from '../../../src/projections/generations';
import { plaintextOnDisk } from '../../support/plaintext-on-disk';
import { watchThreadStops } from '../../support/thread-stops';

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
  it('leaves nothing of a dropped collection in the file or its WAL (generations of profiles held names in clear before version 4)', async () => {
    const file = newFile();
    const store = new SqliteReadStore(file);
    try {
      await store.ensureCollection('profiles_g1', []);
      await store.applyBatch({
        checkpoint: 'p',
        position: 1n,
        writes: [{ op: 'upsert', collection: 'profiles_g1', doc: { id: 'E1', name: '司马蔷薇' }, position: 1n }],
      });
      await store.dropCollection('profiles_g1');
      expect(plaintextOnDisk(dir, ['司马蔷薇'])).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('opens the file in WAL mode and keeps documents and checkpoints across reopening', async () => {
    const file = newFile();
    const store = new SqliteReadStore(file);
    await store.applyBatch({
      checkpoint: 'p',
      position: 7n,
      writes: [{ op: 'upsert', collection: 'things', doc: { id: 'a', n: 1 }, position: 7n }],
    });
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
      await api.applyBatch({
        checkpoint: 'p',
        position: 3n,
        writes: [{ op: 'upsert', collection: 'things_g1', doc: { id: 'c' }, position: 3n }],
      });
      expect(await cli.find('things_g1')).toEqual([{ id: 'c' }]);
    } finally {
      await api.close();
      await cli.close();
    }
  });

  it('commits the batches of one turn together, each with its own checkpoint, and refuses only a bad one', async () => {
    const file = newFile();
    const store = new SqliteReadStore(file);
    try {
      await store.ensureCollection('users', [{ fields: ['email'], unique: true }]);
      await store.upsert('users', { id: 'a', email: 'taken' });
      const outcomes = await Promise.allSettled([
        store.applyBatch({
          checkpoint: 'p1',
          position: 3n,
          writes: [{ op: 'upsert', collection: 'things', doc: { id: 'x' }, position: 3n }],
        }),
        store.applyBatch({
          checkpoint: 'p2',
          position: 3n,
          writes: [{ op: 'upsert', collection: 'users', doc: { id: 'b', email: 'taken' }, position: 3n }],
        }),
        store.applyBatch({
          checkpoint: 'p3',
          position: 3n,
          writes: [{ op: 'upsert', collection: 'others', doc: { id: 'y' }, position: 3n }],
        }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect(await store.getCheckpoint('p1')).toBe(3n);
      expect(await store.getCheckpoint('p2')).toBeNull();
      expect(await store.getCheckpoint('p3')).toBe(3n);
      expect(await store.get('things', 'x')).toEqual({ id: 'x' });
      expect(await store.get('others', 'y')).toEqual({ id: 'y' });
      expect(await store.get('users', 'b')).toBeNull();
      // A replayed batch (at or below its checkpoint) is still ignored within a group.
      await Promise.all([
        store.applyBatch({
          checkpoint: 'p1',
          position: 3n,
          writes: [{ op: 'upsert', collection: 'things', doc: { id: 'x', again: true }, position: 3n }],
        }),
        store.applyBatch({
          checkpoint: 'p3',
          position: 4n,
          writes: [{ op: 'upsert', collection: 'others', doc: { id: 'y', n: 4 }, position: 4n }],
        }),
      ]);
      expect(await store.get('things', 'x')).toEqual({ id: 'x' });
      expect(await store.get('others', 'y')).toEqual({ id: 'y', n: 4 });
    } finally {
      await store.close();
    }
  });

  it('writes one transaction for the batches of a turn, not one each', async () => {
    const frames = async (together: boolean) => {
      const file = newFile();
      const store = new SqliteReadStore(file);
      await store.ensureCollection('things', []);
      const batches = Array.from(
        { length: 20 },
        (_, i) => () =>
          store.applyBatch({
            checkpoint: `p${i}`,
            position: 1n,
            writes: [{ op: 'upsert', collection: 'things', doc: { id: `d${i}` }, position: 1n }],
          }),
      );
      if (together) await Promise.all(batches.map((batch) => batch()));
      else for (const batch of batches) await batch();
      // Asked while the store is open (closing checkpoints the WAL): each commit writes its changed pages again.
      const raw = new Database(file);
      try {
        return (raw.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;
      } finally {
        raw.close();
        await store.close();
      }
    };
    const grouped = await frames(true);
    const oneByOne = await frames(false);
    expect(grouped * 5).toBeLessThan(oneByOne);
  });

  it('commits batches still waiting for their turn when it closes', async () => {
    const file = newFile();
    const store = new SqliteReadStore(file);
    const applied = store.applyBatch({
      checkpoint: 'p',
      position: 2n,
      writes: [{ op: 'upsert', collection: 'things', doc: { id: 'a' }, position: 2n }],
    });
    await store.close();
    await expect(applied).resolves.toBeUndefined();
    const reopened = new SqliteReadStore(file);
    expect(await reopened.getCheckpoint('p')).toBe(2n);
    await reopened.close();
  });

  it('forgets a table it knew of when another connection drops it, and finds it again when recreated', async () => {
    const file = newFile();
    const api = new SqliteReadStore(file);
    const cli = new SqliteReadStore(file);
    try {
      await api.ensureCollection('things_g2', []);
      await api.upsert('things_g2', { id: 'a' });
      expect(await api.count('things_g2')).toBe(1);
      await cli.dropCollection('things_g2');
      // Known to exist, now gone: each kind of read answers as for a missing table, then asks again.
      expect(await api.count('things_g2')).toBe(0);
      expect(await api.get('things_g2', 'a')).toBeNull();
      expect(await api.find('things_g2')).toEqual([]);
      // A direct write recreates it, although this connection last saw it existing.
      await cli.ensureCollection('things_g2', []);
      await cli.dropCollection('things_g2');
      await api.upsert('things_g2', { id: 'b' });
      expect(await cli.find('things_g2')).toEqual([{ id: 'b' }]);
      // A table this connection dropped itself is not taken for existing.
      await api.dropCollection('things_g2');
      await api.delete('things_g2', 'b');
      expect(await api.listCollections('things_g2')).toEqual([]);
      // A batch that failed after creating a table rolls the table back; it is created again next time.
      await api.ensureCollection('users', [{ fields: ['email'], unique: true }]);
      await api.upsert('users', { id: 'u', email: 'taken' });
      const failing = {
        checkpoint: 'q',
        position: 1n,
        writes: [
          { op: 'upsert' as const, collection: 'made_g1', doc: { id: 'm' }, position: 1n },
          { op: 'upsert' as const, collection: 'users', doc: { id: 'v', email: 'taken' }, position: 1n },
        ],
      };
      await expect(api.applyBatch(failing)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect(await api.count('made_g1')).toBe(0);
      await api.applyBatch({ ...failing, writes: [failing.writes[0]] });
      expect(await cli.get('made_g1', 'm')).toEqual({ id: 'm' });
    } finally {
      await api.close();
      await cli.close();
    }
  });

  it('answers indexed filters from the expression indexes (EXPLAIN QUERY PLAN)', async () => {
    const store = new SqliteReadStore(':memory:');
    try {
      await store.ensureCollection('people', [
        { fields: ['dept', 'age'] },
        { fields: ['address.city'] },
        { fields: ['email'], unique: true },
      ]);
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

  it('counts from an index alone, type guards included, and makes an index of an older definition again', async () => {
    const file = newFile();
    const older = new Database(file);
    older.exec(`CREATE TABLE rm_people (id TEXT PRIMARY KEY, doc TEXT NOT NULL, pos INTEGER NOT NULL) STRICT`);
    // The definition before the type columns, under the name ensureCollection gives it.
    older.exec(`CREATE INDEX "rm_people__dept__age" ON "rm_people" (json_extract(doc, '$.dept'), json_extract(doc, '$.age'))`);
    older.close();
    const store = new SqliteReadStore(file);
    try {
      const filter = { dept: 'd1', age: { $gte: 30 } };
      expect(await store.countPlan('people', filter)).toEqual([
        expect.stringMatching(/^SEARCH rm_people USING INDEX rm_people__dept__age /),
      ]);
      await store.ensureCollection('people', [{ fields: ['dept', 'age'] }]);
      expect(await store.countPlan('people', filter)).toEqual([
        expect.stringMatching(/^SEARCH rm_people USING COVERING INDEX rm_people__dept__age /),
      ]);
      await store.upsert('people', { id: 'a', dept: 'd1', age: 31 });
      await store.upsert('people', { id: 'b', dept: 'd1', age: '31' });
      expect(await store.count('people', filter)).toBe(1);
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

  it('rolls a batch back with its side writes when one of them fails: the documents, the withdrawal and the checkpoint', async () => {
    const store = new SqliteReadStore(':memory:');
    try {
      await store.ensureCollection('outbox', [{ fields: ['slot'], unique: true }]);
      await store.insertAllIfAbsent('outbox', [{ id: 'r:K1:a', state: 'pending', version: 1, slot: 1 }]);
      const withdraw = { where: { state: 'pending' }, set: { state: 'cancelled' }, increment: 'version' };
      const failing = {
        checkpoint: 'reminders',
        position: 8n,
        writes: [{ op: 'upsert' as const, collection: 'folds', doc: { id: 'K1' }, position: 8n }],
        sideWrites: [
          { op: 'updateAllUnder' as const, collection: 'outbox', idPrefix: 'r:K1:', change: withdraw },
          { op: 'insertAllIfAbsent' as const, collection: 'outbox', docs: [{ id: 'r:K1:b', state: 'pending', version: 1, slot: 1 }] },
        ],
      };
      await expect(store.applyBatch(failing)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect(await store.getCheckpoint('reminders')).toBeNull();
      expect(await store.listCollections('folds')).toEqual([]);
      expect(await store.find('outbox')).toEqual([{ id: 'r:K1:a', state: 'pending', version: 1, slot: 1 }]);
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

  describe('a batch that finds the write lock taken by another connection', () => {
    const batch = (position: bigint) => ({
      checkpoint: 'p',
      position,
      writes: [{ op: 'upsert' as const, collection: 'docs', doc: { id: 'A', n: Number(position) }, position }],
    });

    it('waits on timers, not in SQLite, so the thread goes on serving, and commits once the lock is free', async () => {
      const file = newFile();
      const store = new SqliteReadStore(file);
      const other = new Database(file);
      try {
        await store.applyBatch(batch(1n));
        other.exec('BEGIN IMMEDIATE');
        let committed = false;
        const applying = store.applyBatch(batch(2n)).then(() => (committed = true));
        // A timer of the same thread fires while the batch waits: SQLite's busy handler would have slept through it.
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(committed).toBe(false);
        other.exec('COMMIT');
        await applying;
        expect(await store.getCheckpoint('p')).toBe(2n);
        expect(await store.get('docs', 'A')).toEqual({ id: 'A', n: 2 });
      } finally {
        other.close();
        await store.close();
      }
    });

    it('is refused as busy, with the rest of its group and without stopping the thread, once it has waited the busy timeout', async () => {
      const file = newFile();
      const store = new SqliteReadStore(file, () => undefined, 400);
      const other = new Database(file);
      // SQLite's busy handler would stop the thread for the whole busy timeout.
      const stops = watchThreadStops();
      try {
        await store.applyBatch(batch(1n));
        other.exec('BEGIN IMMEDIATE');
        const started = Date.now();
        stops.restart();
        const outcomes = await Promise.allSettled([store.applyBatch(batch(2n)), store.applyBatch({ ...batch(2n), checkpoint: 'q' })]);
        expect(outcomes.map((o) => o.status === 'rejected' && (o.reason as { code?: string }).code)).toEqual([
          'SQLITE_BUSY',
          'SQLITE_BUSY',
        ]);
        expect(Date.now() - started).toBeGreaterThanOrEqual(400);
        await new Promise((resolve) => setTimeout(resolve, 20)); // the timer's turn after the last wait
        expect(stops.longest()).toBeLessThan(200);
        // The next batch commits once the lock is free.
        other.exec('COMMIT');
        await store.applyBatch(batch(3n));
        expect(await store.getCheckpoint('p')).toBe(3n);
      } finally {
        stops.stop();
        other.close();
        await store.close();
      }
    });
  });

  describe('a direct write (a lease, the outbox, a pointer) that finds the write lock taken by another connection', () => {
    it('waits on timers, not in SQLite, and the writes asked meanwhile are made in the order asked once the lock is free', async () => {
      const file = newFile();
      const store = new SqliteReadStore(file);
      const other = new Database(file);
      try {
        await store.upsert('leases', { id: 'L', holder: 'a', version: 1 });
        other.exec('BEGIN IMMEDIATE');
        const made: string[] = [];
        const writes = [
          store
            .replaceIf('leases', { id: 'L', holder: 'b', version: 2 }, { version: 1 })
            .then((replaced) => made.push(`replaced ${replaced}`)),
          store.upsert('leases', { id: 'L', holder: 'c', version: 3 }).then(() => made.push('upserted')),
          store.insertIfAbsent('leases', { id: 'M', holder: 'd', version: 1 }).then((inserted) => made.push(`inserted ${inserted}`)),
        ];
        // A timer of the same thread fires while the writes wait: SQLite's busy handler would have slept through it.
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(made).toEqual([]);
        other.exec('COMMIT');
        await Promise.all(writes);
        expect(made).toEqual(['replaced true', 'upserted', 'inserted true']);
        expect(await store.get('leases', 'L')).toEqual({ id: 'L', holder: 'c', version: 3 });
        expect(await store.get('leases', 'M')).toEqual({ id: 'M', holder: 'd', version: 1 });
      } finally {
        other.close();
        await store.close();
      }
    });

    it('is refused as busy without stopping the thread once it has waited the busy timeout, and the next write is made', async () => {
      const file = newFile();
      const store = new SqliteReadStore(file, () => undefined, 400);
      const other = new Database(file);
      // SQLite's busy handler would stop the thread for the whole busy timeout.
      const stops = watchThreadStops();
      try {
        await store.ensureCollection('leases', []);
        other.exec('BEGIN IMMEDIATE');
        const started = Date.now();
        stops.restart();
        const outcomes = await Promise.allSettled([
          store.upsert('leases', { id: 'L', version: 1 }),
          store.delete('leases', 'L'),
          store.ensureCollection('outbox', [{ fields: ['due'] }]),
        ]);
        expect(outcomes.map((o) => o.status === 'rejected' && (o.reason as { code?: string }).code)).toEqual([
          'SQLITE_BUSY',
          'SQLITE_BUSY',
          'SQLITE_BUSY',
        ]);
        expect(Date.now() - started).toBeGreaterThanOrEqual(400);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(stops.longest()).toBeLessThan(200);
        other.exec('COMMIT');
        await store.upsert('leases', { id: 'L', version: 2 });
        expect(await store.get('leases', 'L')).toEqual({ id: 'L', version: 2 });
      } finally {
        stops.stop();
        other.close();
        await store.close();
      }
    });

    it('does not wait when the lock is free: the write is made before its promise settles', async () => {
      const store = new SqliteReadStore(newFile());
      try {
        void store.upsert('docs', { id: 'A', n: 1 });
        // Nothing awaited: made at the call, as before, so a caller that reads at once sees it.
        expect(await store.get('docs', 'A')).toEqual({ id: 'A', n: 1 });
      } finally {
        await store.close();
      }
    });
  });

  it("a projection's generation pointer is read without taking the write lock", async () => {
    const file = newFile();
    const store = new SqliteReadStore(file);
    const other = new Database(file);
    try {
      await switchTo(store, { name: 'cases' } as Projection, 2, new Date('2026-12-05T00:00:00Z'));
      other.exec('BEGIN IMMEDIATE');
      // Runners read it every second; it answers while the projection worker (here: another connection) holds the lock.
      let pointer: unknown;
      const reading = readPointer(store, { name: 'cases' } as Projection).then((read) => (pointer = read));
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(pointer).toMatchObject({ id: 'cases', generation: 2 });
      other.exec('COMMIT');
      await reading;
      expect(await readPointer(store, { name: 'never-switched' } as Projection)).toBeNull();
    } finally {
      other.close();
      await store.close();
    }
  });
});
