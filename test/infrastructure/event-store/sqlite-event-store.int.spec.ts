import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import {
  EventStore,
  RecordedEvent,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../../src/infrastructure/event-store/event-store.port';
import { PollingSubscription } from '../../../src/infrastructure/event-store/polling-subscription';
import { anEvent, eventStoreContract } from './event-store.contract';
import { watchThreadStops } from '../../support/thread-stops';

const dir = mkdtempSync(join(tmpdir(), 'es-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const newFile = () => join(dir, `events-${++n}.db`);

eventStoreContract('sqlite', () => ({
  open: async () => new SqliteEventStore({ file: newFile() }),
  dispose: (store: EventStore) => store.close(),
  openWithPositionsFrom: async (start) => new SqliteEventStore({ file: newFile(), firstPosition: start }),
}));

/** Takes the first `count` events a subscription delivers, then closes it. */
async function take(sub: AsyncIterable<RecordedEvent> & { close(): Promise<void> }, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  for await (const e of sub) {
    seen.push(e);
    if (seen.length >= count) break;
  }
  await sub.close();
  return seen;
}

/**
 * Frames in the WAL file (ask while the store is open: closing checkpoints it): each
 * committed transaction writes its changed pages again, so fewer frames means fewer commits.
 */
function walFrames(file: string): number {
  const raw = new Database(file);
  try {
    return (raw.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;
  } finally {
    raw.close();
  }
}

describe('SqliteEventStore', () => {
  describe('group commit', () => {
    it('commits the appends of one turn together, each with its own expected revision and outcome', async () => {
      const store = new SqliteEventStore({ file: newFile() });
      try {
        await store.appendToStream('a-1', 'no_stream', [anEvent()]);
        const outcomes = await Promise.allSettled([
          store.appendToStream('a-1', 0n, [anEvent('Second')]),
          store.appendToStream('b-1', 'no_stream', [anEvent(), anEvent()]),
          // Conflicts: a-1 is at revision 0, not 5. Its savepoint rolls back alone.
          store.appendToStream('a-1', 5n, [anEvent('Stale')]),
          store.appendToStream('c-1', 'no_stream', [anEvent()]),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
        const refused = (outcomes[2] as PromiseRejectedResult).reason as WrongExpectedRevisionError;
        expect(refused).toBeInstanceOf(WrongExpectedRevisionError);
        // The stream as the group had left it by then: 'Second' went in first.
        expect(refused.actual).toBe(1n);
        expect((await store.readStream('a-1')).map((e) => e.type)).toEqual(['SomethingHappened', 'Second']);
        expect(await store.readStream('b-1')).toHaveLength(2);
        expect(await store.readStream('c-1')).toHaveLength(1);
        // Positions in the order of the appends, with no hole where the refused one was.
        const positions = outcomes
          .filter((o) => o.status === 'fulfilled')
          .map((o) => (o as PromiseFulfilledResult<{ position: bigint }>).value.position);
        expect(positions).toEqual([2n, 4n, 5n]);
      } finally {
        await store.close();
      }
    });

    it('writes one transaction for the appends of a turn, not one each', async () => {
      const frames = async (together: boolean) => {
        const file = newFile();
        const store = new SqliteEventStore({ file });
        const appends = Array.from({ length: 20 }, (_, i) => () => store.appendToStream(`s-${i}`, 'no_stream', [anEvent()]));
        if (together) await Promise.all(appends.map((append) => append()));
        else for (const append of appends) await append();
        try {
          return walFrames(file);
        } finally {
          await store.close();
        }
      };
      const grouped = await frames(true);
      const oneByOne = await frames(false);
      expect(grouped * 5).toBeLessThan(oneByOne);
    });

    it('commits appends still waiting for their turn when the store closes', async () => {
      const file = newFile();
      const store = new SqliteEventStore({ file });
      const appended = store.appendToStream('a-1', 'no_stream', [anEvent()]);
      await store.close();
      await expect(appended).resolves.toMatchObject({ nextExpectedRevision: 0n });
      const reopened = new SqliteEventStore({ file });
      expect(await reopened.readStream('a-1')).toHaveLength(1);
      await reopened.close();
    });
  });

  describe('a group that finds the write lock taken by another connection (an import, a second replica)', () => {
    it('waits on timers, not in SQLite, so the thread goes on serving; the appends meanwhile join it, in order', async () => {
      const file = newFile();
      const store = new SqliteEventStore({ file });
      const other = new Database(file);
      try {
        await store.appendToStream('a-1', 'no_stream', [anEvent()]);
        other.exec('BEGIN IMMEDIATE');
        const settled: string[] = [];
        const first = store.appendToStream('a-1', 0n, [anEvent('Second')]).then((r) => (settled.push('second'), r));
        // A timer of the same thread fires while the group waits: SQLite's busy handler would have slept through it.
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(settled).toEqual([]);
        // Asked during the wait: committed after the waiting group, so its expected revision follows the first.
        const second = store.appendToStream('a-1', 1n, [anEvent('Third')]).then((r) => (settled.push('third'), r));
        await new Promise((resolve) => setTimeout(resolve, 20));
        other.exec('COMMIT');
        expect(await first).toMatchObject({ nextExpectedRevision: 1n });
        expect(await second).toMatchObject({ nextExpectedRevision: 2n });
        expect(settled).toEqual(['second', 'third']);
        expect((await store.readStream('a-1')).map((e) => e.type)).toEqual(['SomethingHappened', 'Second', 'Third']);
      } finally {
        other.close();
        await store.close();
      }
    });

    it('refuses the group as unavailable (503) without stopping the thread once it has waited busyWaitMs, and appends again after', async () => {
      const file = newFile();
      const store = new SqliteEventStore({ file, busyWaitMs: 400 });
      const other = new Database(file);
      // SQLite's busy handler would stop the thread for the whole busy timeout.
      const stops = watchThreadStops();
      try {
        await store.appendToStream('a-1', 'no_stream', [anEvent()]);
        other.exec('BEGIN IMMEDIATE');
        const started = Date.now();
        stops.restart();
        const outcomes = await Promise.allSettled([
          store.appendToStream('a-1', 0n, [anEvent('Second')]),
          store.appendToStream('b-1', 'no_stream', [anEvent()]),
        ]);
        expect(outcomes.map((o) => o.status === 'rejected' && o.reason)).toEqual([
          expect.any(StoreUnavailableError),
          expect.any(StoreUnavailableError),
        ]);
        expect(Date.now() - started).toBeGreaterThanOrEqual(400);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(stops.longest()).toBeLessThan(200);
        other.exec('COMMIT');
        await expect(store.appendToStream('a-1', 0n, [anEvent('Second')])).resolves.toMatchObject({ nextExpectedRevision: 1n });
        expect(await store.readStream('b-1')).toEqual([]);
      } finally {
        stops.stop();
        other.close();
        await store.close();
      }
    });
  });

  describe('streams kept between reads', () => {
    it('reads again only what was appended since, by this store or by another process', async () => {
      const file = newFile();
      const store = new SqliteEventStore({ file });
      const other = new SqliteEventStore({ file });
      try {
        await store.appendToStream('k-1', 'no_stream', [anEvent('One'), anEvent('Two')]);
        const first = await store.readStream('k-1');
        await store.appendToStream('k-1', 1n, [anEvent('Three')]);
        const second = await store.readStream('k-1');
        expect(second.map((e) => e.type)).toEqual(['One', 'Two', 'Three']);
        // The kept events themselves, not copies: read once from SQLite.
        expect(second[0]).toBe(first[0]);
        await other.appendToStream('k-1', 2n, [anEvent('Four')]);
        expect((await store.readStream('k-1')).map((e) => e.type)).toEqual(['One', 'Two', 'Three', 'Four']);
        // Partial reads are not served from the kept stream.
        expect((await store.readStream('k-1', { fromRevision: 2n })).map((e) => e.type)).toEqual(['Three', 'Four']);
        expect((await store.readStream('k-1', { direction: 'backwards', maxCount: 1 })).map((e) => e.type)).toEqual(['Four']);
      } finally {
        await other.close();
        await store.close();
      }
    });

    it('keeps what it appended to a kept stream as the file holds it, without reading it back', async () => {
      const file = newFile();
      const store = new SqliteEventStore({ file });
      const raw = new Database(file);
      const dataOf = raw.prepare('SELECT count(*) FROM events');
      try {
        await store.appendToStream('k-4', 'no_stream', [anEvent('One')]);
        await store.readStream('k-4');
        const tricky = {
          amount: 1.5,
          nothing: null,
          gone: undefined,
          when: new Date('2024-07-01T00:00:00Z'),
          名: '张伟',
          nested: [{ a: 1 }],
        };
        await store.appendToStream('k-4', 0n, [anEvent('Two', tricky), anEvent('Three')]);
        await store.appendToStream('k-5', 'no_stream', [anEvent('Elsewhere')]);
        expect(dataOf.pluck().get()).toBe(4);
        const kept = await store.readStream('k-4');
        const fresh = new SqliteEventStore({ file });
        try {
          expect(kept).toEqual(await fresh.readStream('k-4'));
          expect(kept[1].data).toEqual({ amount: 1.5, nothing: null, when: '2024-07-01T00:00:00.000Z', 名: '张伟', nested: [{ a: 1 }] });
          expect(Object.isFrozen(kept[1].data)).toBe(true);
          expect(kept.map((e) => [e.revision, e.position])).toEqual([
            [0n, 1n],
            [1n, 2n],
            [2n, 3n],
          ]);
        } finally {
          await fresh.close();
        }
      } finally {
        raw.close();
        await store.close();
      }
    });

    it('reads an event as the file now has it from the turn after another connection changed it (what the audit must see)', async () => {
      const file = newFile();
      const store = new SqliteEventStore({ file });
      const raw = new Database(file);
      try {
        await store.appendToStream('k-2', 'no_stream', [anEvent('One', { amount: 1 })]);
        expect((await store.readStream('k-2'))[0].data).toEqual({ amount: 1 });
        raw.prepare("UPDATE events SET data = json_set(data, '$.amount', 2) WHERE stream = 'k-2'").run();
        // The file is looked at once per turn of the event loop (sqlite-event-store.ts): the next turn sees the change.
        await new Promise(setImmediate);
        expect((await store.readStream('k-2'))[0].data).toEqual({ amount: 2 });
      } finally {
        raw.close();
        await store.close();
      }
    });

    it('gives events that cannot be changed by one reader for the others', async () => {
      const store = new SqliteEventStore({ file: newFile() });
      try {
        await store.appendToStream('k-3', 'no_stream', [anEvent('One', { amount: 1 })]);
        const [event] = await store.readStream('k-3');
        expect(() => ((event.data as { amount: number }).amount = 5)).toThrow(TypeError);
        const events = await store.readStream('k-3');
        events.push(event);
        expect(await store.readStream('k-3')).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  });

  describe('the rest of a stream from a revision (a command folding on from its kept state)', () => {
    /** Counts the queries the store runs on its events table from here on (its prepared statements). */
    function countingQueries(store: SqliteEventStore): { count: () => number } {
      let queries = 0;
      const statements = (store as unknown as { statements: Record<string, Database.Statement> }).statements;
      for (const [name, statement] of Object.entries(statements)) {
        const wrapped = Object.create(statement) as Database.Statement;
        for (const method of ['all', 'get', 'run'] as const) {
          const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
          Object.assign(wrapped, { [method]: (...args: unknown[]) => (queries++, original(...args)) });
        }
        statements[name] = wrapped;
      }
      return { count: () => queries };
    }

    it('answers what this store appended since, or nothing, without a query, and the same as the file holds', async () => {
      const file = newFile();
      const store = new SqliteEventStore({ file });
      try {
        await store.appendToStream('t-1', 'no_stream', [anEvent('One'), anEvent('Two')]);
        await store.appendToStream('t-1', 1n, [anEvent('Three', { amount: 3 }), anEvent('Four')]);
        const queries = countingQueries(store);
        const since = await store.readStream('t-1', { fromRevision: 3n });
        const nothing = await store.readStream('t-1', { fromRevision: 4n });
        expect(queries.count()).toBe(0);
        expect(since.map((e) => e.type)).toEqual(['Four']);
        expect(nothing).toEqual([]);
        // Before the last append's first event: read from the file.
        expect((await store.readStream('t-1', { fromRevision: 1n })).map((e) => e.type)).toEqual(['Two', 'Three', 'Four']);
        expect(queries.count()).toBe(1);
        const fresh = new SqliteEventStore({ file });
        try {
          expect(await store.readStream('t-1', { fromRevision: 2n })).toEqual(await fresh.readStream('t-1', { fromRevision: 2n }));
        } finally {
          await fresh.close();
        }
      } finally {
        await store.close();
      }
    });

    it('knows the end of a stream it read to the end, and asks the file again once another connection wrote to it', async () => {
      const file = newFile();
      const store = new SqliteEventStore({ file });
      const other = new SqliteEventStore({ file });
      try {
        await other.appendToStream('t-2', 'no_stream', [anEvent('One'), anEvent('Two')]);
        expect(await store.readStream('t-2', { fromRevision: 1n })).toHaveLength(1);
        const queries = countingQueries(store);
        expect(await store.readStream('t-2', { fromRevision: 2n })).toEqual([]);
        expect(queries.count()).toBe(0);
        await other.appendToStream('t-2', 1n, [anEvent('Three')]);
        expect((await store.readStream('t-2', { fromRevision: 2n })).map((e) => e.type)).toEqual(['Three']);
        // A retry that wrote nothing tells nothing of the stream's end.
        await other.appendToStream('t-2', 2n, [anEvent('Four')]);
        expect((await store.readStream('t-2', { fromRevision: 3n })).map((e) => e.type)).toEqual(['Four']);
      } finally {
        await other.close();
        await store.close();
      }
    });

    it('reads an idempotent retry from the file, since it wrote nothing', async () => {
      const store = new SqliteEventStore({ file: newFile() });
      try {
        const events = [anEvent('One'), anEvent('Two')];
        await store.appendToStream('t-3', 'no_stream', events);
        await store.appendToStream('t-3', 'no_stream', events);
        expect((await store.readStream('t-3', { fromRevision: 1n })).map((e) => e.type)).toEqual(['Two']);
        expect(await store.readStream('t-3', { fromRevision: 2n })).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });

  describe('subscriptions', () => {
    it('decode a page once for all subscriptions at the same position, and hand out frozen events', async () => {
      const store = new SqliteEventStore({ file: newFile() });
      try {
        await store.appendToStream('a-1', 'no_stream', [anEvent('First', { nested: { n: 1 } }), anEvent('Second')]);
        const [one, two] = await Promise.all([take(store.subscribeToAll(), 2), take(store.subscribeToAll(), 2)]);
        expect(one.map((e) => e.type)).toEqual(['First', 'Second']);
        expect(two[0]).toBe(one[0]);
        expect(Object.isFrozen(one[0])).toBe(true);
        expect(() => {
          (one[0].data as { nested: { n: number } }).nested.n = 2;
        }).toThrow(TypeError);
        // readAll and readStream are not shared: their callers may do as they like with what they get.
        expect(Object.isFrozen((await store.readAll())[0])).toBe(false);
      } finally {
        await store.close();
      }
    });

    it('never serve a page that another connection to the file has since added to', async () => {
      const file = newFile();
      const api = new SqliteEventStore({ file, pollIntervalMs: 10 });
      const cli = new SqliteEventStore({ file, pollIntervalMs: 10 });
      try {
        await api.appendToStream('a-1', 'no_stream', [anEvent('First')]);
        const following = take(api.subscribeToAll(), 2);
        // Let it catch up: the empty page after the head is now shared, and the poll asks for it again.
        await new Promise((r) => setTimeout(r, 50));
        await cli.appendToStream('a-1', 0n, [anEvent('Imported')]);
        expect((await following).map((e) => e.type)).toEqual(['First', 'Imported']);
      } finally {
        await api.close();
        await cli.close();
      }
    });
  });
});

describe('PollingSubscription', () => {
  const event = (position: bigint) => ({ ...anEvent(), stream: 's-1', revision: position, position });

  it('sleeps after a page shorter than its limit instead of reading again to find nothing', async () => {
    const reads: Array<bigint | undefined> = [];
    const sub = new PollingSubscription(
      async (after) => {
        reads.push(after);
        return after === undefined ? [event(1n), event(2n)] : [];
      },
      undefined,
      60_000,
      () => undefined,
      10,
    );
    const iterator = sub[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    const third = iterator.next();
    await new Promise((r) => setTimeout(r, 20));
    expect(reads).toEqual([undefined]);
    // An append wakes it; the read that follows asks after the last event delivered.
    sub.notify();
    await new Promise((r) => setTimeout(r, 20));
    expect(reads).toEqual([undefined, 2n]);
    await sub.close();
    await expect(third).resolves.toMatchObject({ done: true });
  });

  it('reads again at once when an append happened while its page was being delivered', async () => {
    let appended = false;
    const sub = new PollingSubscription(
      async (after) => (after === undefined ? [event(1n)] : appended && after === 1n ? [event(2n)] : []),
      undefined,
      60_000,
      () => undefined,
      10,
    );
    const iterator = sub[Symbol.asyncIterator]();
    expect((await iterator.next()).value.position).toBe(1n);
    appended = true;
    sub.notify();
    // Without the notified flag this would wait for the 60 s poll.
    expect((await iterator.next()).value.position).toBe(2n);
    await sub.close();
  });
});
