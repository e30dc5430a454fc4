/**
 * The one contract every EventStore adapter passes (docs/DESIGN.md: one suite per port).
 * Each test uses its own stream names and only looks at the log after the head it
 * saw at its start, so the suite also runs against a shared, non-empty server.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  EventStore,
  EventToAppend,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../../../src/infrastructure/event-store/event-store.port';
import { ContractOptions, suite } from '../../support/contract-suite';

export interface EventStoreHarness {
  /** A store to test; may be shared between tests (streams are unique per test). */
  open(): Promise<EventStore>;
  /** Closes what open() made. */
  dispose(store: EventStore): Promise<void>;
  /**
   * A fresh store whose global positions start above 2^53, where the adapter can
   * be told so (the SQLite file, the stand-in). A real server cannot.
   */
  openWithPositionsFrom?(start: bigint): Promise<EventStore>;
}

let counter = 0;
const uniqueStream = (category = 'contract') => `${category}-${uuidv7().replace(/-/g, '')}${++counter}`;

export function anEvent(type = 'SomethingHappened', data: unknown = { n: 1 }): EventToAppend {
  return {
    id: uuidv7(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: { id: 'u1', role: 'hr_specialist' }, recordedAt: '2024-05-10T08:00:00.000Z', source: 'test' },
  };
}

const events = (n: number, type = 'SomethingHappened') => Array.from({ length: n }, (_, i) => anEvent(type, { i }));

/** The parts of an event the writer chose, for comparing what was written with what was read. */
const written = (e: EventToAppend) => ({ id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata });

async function expectWrongRevision(p: Promise<unknown>, actual: bigint | 'no_stream'): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect((error as WrongExpectedRevisionError).actual).toBe(actual);
}

async function collect(
  sub: AsyncIterable<RecordedEvent>,
  until: (seen: RecordedEvent[]) => boolean,
  filter: (e: RecordedEvent) => boolean,
) {
  const seen: RecordedEvent[] = [];
  for await (const e of sub) {
    if (filter(e)) seen.push(e);
    if (until(seen)) break;
  }
  return seen;
}

export function eventStoreContract(name: string, harness: () => EventStoreHarness, options: ContractOptions = {}): void {
  suite(options)(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let h: EventStoreHarness;

    beforeAll(async () => {
      h = harness();
      store = await h.open();
    });
    afterAll(async () => {
      await h.dispose(store);
    });

    describe('appending with an expected revision', () => {
      it('creates a stream with no_stream and reads back exactly what was written', async () => {
        const stream = uniqueStream();
        const batch = events(3);
        const result = await store.appendToStream(stream, 'no_stream', batch);
        expect(result.nextExpectedRevision).toBe(2n);
        const read = await store.readStream(stream);
        expect(read.map(written)).toEqual(batch.map(written));
        expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(read.every((e) => e.stream === stream)).toBe(true);
        expect(read[2].position).toBe(result.position);
      });

      it('refuses no_stream on an existing stream, carrying the actual revision', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, 'no_stream', events(2));
        await expectWrongRevision(store.appendToStream(stream, 'no_stream', events(1)), 1n);
      });

      it('refuses stream_exists on a missing stream', async () => {
        await expectWrongRevision(store.appendToStream(uniqueStream(), 'stream_exists', events(1)), 'no_stream');
      });

      it('accepts stream_exists on an existing stream', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, 'no_stream', events(1));
        const result = await store.appendToStream(stream, 'stream_exists', events(1));
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('accepts the exact revision and refuses a stale one with the actual revision', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, 'no_stream', events(2));
        expect((await store.appendToStream(stream, 1n, events(1))).nextExpectedRevision).toBe(2n);
        await expectWrongRevision(store.appendToStream(stream, 1n, events(1)), 2n);
        await expectWrongRevision(store.appendToStream(stream, 5n, events(1)), 2n);
      });

      it('refuses an exact revision on a missing stream', async () => {
        await expectWrongRevision(store.appendToStream(uniqueStream(), 0n, events(1)), 'no_stream');
      });

      it('accepts any, on a missing stream and on an existing one', async () => {
        const stream = uniqueStream();
        expect((await store.appendToStream(stream, 'any', events(2))).nextExpectedRevision).toBe(1n);
        expect((await store.appendToStream(stream, 'any', events(2))).nextExpectedRevision).toBe(3n);
      });

      it('writes nothing of a batch that is refused', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, 'no_stream', events(1));
        await expect(store.appendToStream(stream, 7n, events(3))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('re-appending the same event ids (client retries, re-imports)', () => {
      it('succeeds and writes nothing when retried with no_stream', async () => {
        const stream = uniqueStream();
        const batch = events(2);
        const first = await store.appendToStream(stream, 'no_stream', batch);
        const again = await store.appendToStream(stream, 'no_stream', batch);
        expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect((await store.readStream(stream)).map((e) => e.id)).toEqual(batch.map((e) => e.id));
      });

      it('succeeds and writes nothing when retried at the same exact revision, even after later appends', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, 'no_stream', events(1));
        const batch = events(2);
        const first = await store.appendToStream(stream, 0n, batch);
        const again = await store.appendToStream(stream, 0n, batch);
        expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
        await store.appendToStream(stream, 2n, events(1));
        await store.appendToStream(stream, 0n, batch);
        const ids = (await store.readStream(stream)).map((e) => e.id);
        expect(ids).toHaveLength(4);
        expect(new Set(ids).size).toBe(4);
      });

      it('leaves no duplicate in the global log', async () => {
        const head = await store.headPosition();
        const stream = uniqueStream();
        const batch = events(3);
        await store.appendToStream(stream, 'no_stream', batch);
        await store.appendToStream(stream, 'no_stream', batch);
        const mine = (await store.readAll({ after: head })).filter((e) => e.stream === stream);
        expect(mine.map((e) => e.id)).toEqual(batch.map((e) => e.id));
      });
    });

    describe('reading a stream', () => {
      let stream: string;
      beforeAll(async () => {
        stream = uniqueStream();
        await store.appendToStream(stream, 'no_stream', events(10));
      });

      it('reads forwards from a revision with a max count', async () => {
        const read = await store.readStream(stream, { fromRevision: 3n, maxCount: 4 });
        expect(read.map((e) => e.revision)).toEqual([3n, 4n, 5n, 6n]);
      });

      it('reads the start of a stream with a max count, whether or not it was read whole before, and after an append', async () => {
        const fresh = uniqueStream();
        await store.appendToStream(fresh, 'no_stream', events(5));
        expect((await store.readStream(fresh, { maxCount: 3 })).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        const whole = await store.readStream(fresh);
        expect(await store.readStream(fresh, { maxCount: 3 })).toEqual(whole.slice(0, 3));
        expect(await store.readStream(fresh, { maxCount: 0 })).toEqual([]);
        await store.appendToStream(fresh, 4n, events(2));
        expect((await store.readStream(fresh, { maxCount: 7 })).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
        expect((await store.readStream(fresh, { maxCount: 100 })).map((e) => e.revision)).toHaveLength(7);
      });

      it('reads backwards from the end', async () => {
        const read = await store.readStream(stream, { direction: 'backwards', maxCount: 3 });
        expect(read.map((e) => e.revision)).toEqual([9n, 8n, 7n]);
      });

      it('reads backwards from a revision', async () => {
        const read = await store.readStream(stream, { direction: 'backwards', fromRevision: 4n, maxCount: 10 });
        expect(read.map((e) => e.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
      });

      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(uniqueStream())).toEqual([]);
        expect(await store.readStream(uniqueStream(), { direction: 'backwards', maxCount: 1 })).toEqual([]);
      });

      it('keeps positions increasing with revisions', async () => {
        const read = await store.readStream(stream);
        for (let i = 1; i < read.length; i++) expect(read[i].position > read[i - 1].position).toBe(true);
      });
    });

    describe('reading the global log', () => {
      it('returns events across streams in commit order with strictly increasing positions', async () => {
        const head = await store.headPosition();
        const a = uniqueStream('alpha');
        const b = uniqueStream('beta');
        const order: string[] = [];
        for (const [stream, batch] of [
          [a, events(2)],
          [b, events(1)],
          [a, events(3)],
          [b, events(2)],
        ] as const) {
          await store.appendToStream(stream, 'any', batch);
          order.push(...batch.map((e) => e.id));
        }
        const all = await store.readAll({ after: head });
        const mine = all.filter((e) => e.stream === a || e.stream === b);
        expect(mine.map((e) => e.id)).toEqual(order);
        for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
        expect(all.every((e) => e.position > head)).toBe(true);
        expect(await store.headPosition()).toBe(all[all.length - 1].position);
      });

      it('pages with after and maxCount without gaps or repeats', async () => {
        const head = await store.headPosition();
        const stream = uniqueStream();
        const batch = events(7);
        await store.appendToStream(stream, 'no_stream', batch);
        const seen: RecordedEvent[] = [];
        let after = head;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 2 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(2);
          seen.push(...page);
          after = page[page.length - 1].position;
        }
        expect(seen.filter((e) => e.stream === stream).map((e) => e.id)).toEqual(batch.map((e) => e.id));
      });
    });

    describe('issued positions (tamper evidence)', () => {
      it('are dense where the store says so: retries, refused appends and a batch failing half-way take no position', async () => {
        const issued = await store.issuedPositions();
        // EventStoreDB's positions are byte offsets: the adapter says so instead of claiming a range.
        if (issued === null) return;
        const head = await store.headPosition();
        const stream = uniqueStream();
        const batch = events(2);
        await store.appendToStream(stream, 'no_stream', batch);
        await store.appendToStream(stream, 'no_stream', batch);
        await expectWrongRevision(store.appendToStream(stream, 5n, events(1)), 1n);
        await expect(store.appendToStream(uniqueStream(), 'no_stream', [anEvent(), batch[0]])).rejects.toThrow();
        const last = await store.appendToStream(stream, 1n, events(1));
        const after = (await store.readAll({ after: head })).map((e) => e.position);
        expect(after.length).toBeGreaterThanOrEqual(3);
        after.forEach((position, i) => i > 0 && expect(position).toBe(after[i - 1] + 1n));
        const now = await store.issuedPositions();
        expect(now).toEqual({ first: issued.first, last: after[after.length - 1] });
        expect(now!.last).toBeGreaterThanOrEqual(last.position);
      });
    });

    describe('subscribing to the global log', () => {
      it('catches up, then delivers live events, in order, once each', async () => {
        const head = await store.headPosition();
        const stream = uniqueStream();
        const before = events(3);
        const live = events(3);
        await store.appendToStream(stream, 'no_stream', before);
        const sub = store.subscribeToAll({ after: head });
        const received = collect(
          sub,
          (seen) => seen.length >= 6,
          (e) => e.stream === stream,
        );
        await new Promise((r) => setTimeout(r, 50));
        await store.appendToStream(stream, 2n, live);
        const seen = await received;
        await sub.close();
        expect(seen.map((e) => e.id)).toEqual([...before, ...live].map((e) => e.id));
      });

      it('has no gap and no duplicate when appends race the hand-over from catch-up to live', async () => {
        const head = await store.headPosition();
        const stream = uniqueStream();
        const all = events(60);
        const writing = (async () => {
          for (let i = 0; i < all.length; i++) {
            await store.appendToStream(stream, i === 0 ? 'no_stream' : BigInt(i - 1), [all[i]]);
            if (i % 10 === 0) await new Promise((r) => setImmediate(r));
          }
        })();
        await new Promise((r) => setTimeout(r, 5));
        const sub = store.subscribeToAll({ after: head });
        const seen = await collect(
          sub,
          (s) => s.length >= all.length,
          (e) => e.stream === stream,
        );
        await writing;
        await sub.close();
        expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
      });

      it('delivers only events after the given position', async () => {
        const stream = uniqueStream();
        const first = await store.appendToStream(stream, 'no_stream', events(2));
        const later = events(2);
        await store.appendToStream(stream, 1n, later);
        const sub = store.subscribeToAll({ after: first.position });
        const seen = await collect(
          sub,
          (s) => s.length >= 2,
          (e) => e.stream === stream,
        );
        await sub.close();
        expect(seen.map((e) => e.id)).toEqual(later.map((e) => e.id));
      });

      it('ends the iteration when closed, also while waiting for live events', async () => {
        const sub = store.subscribeToAll({ after: await store.headPosition() });
        const iterating = (async () => {
          let n = 0;
          for await (const _ of sub) n++;
          return n;
        })();
        await new Promise((r) => setTimeout(r, 50));
        await sub.close();
        await expect(iterating).resolves.toBe(0);
      });
    });

    describe('concurrent appenders', () => {
      it('lets exactly one of N writers win the same expected revision', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, 'no_stream', events(1));
        const results = await Promise.allSettled(Array.from({ length: 8 }, () => store.appendToStream(stream, 0n, events(1))));
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const l of lost) {
          expect(l.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(l.reason.actual).toBe(1n);
        }
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('loses and duplicates nothing when N writers race with retries', async () => {
        const stream = uniqueStream();
        const writers = 6;
        const perWriter = 8;
        const written: string[] = [];
        await Promise.all(
          Array.from({ length: writers }, async () => {
            for (let i = 0; i < perWriter; i++) {
              const e = anEvent();
              for (;;) {
                const last = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
                const expected = last.length ? last[0].revision : 'no_stream';
                try {
                  await store.appendToStream(stream, expected, [e]);
                  written.push(e.id);
                  break;
                } catch (err) {
                  if (!(err instanceof WrongExpectedRevisionError)) throw err;
                }
              }
            }
          }),
        );
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual(Array.from({ length: writers * perWriter }, (_, i) => BigInt(i)));
        expect(new Set(read.map((e) => e.id))).toEqual(new Set(written));
        expect(read).toHaveLength(written.length);
      });
    });

    describe('payloads', () => {
      it('round-trips Chinese text, emoji and nested JSON unchanged', async () => {
        const stream = uniqueStream();
        const data = { name: '张三', note: '社保转出后再办理退工 🏢', nested: { list: [1, 2.5, null, true, '编制内'] }, empty: {} };
        const e = { ...anEvent('社保事件', data), metadata: { actor: { id: '李四', role: 'hr_manager' }, reason: '退单：材料不全' } };
        await store.appendToStream(stream, 'no_stream', [e]);
        const [read] = await store.readStream(stream);
        expect(written(read)).toEqual(written(e));
      });

      it('round-trips a 1 MB payload', async () => {
        const stream = uniqueStream();
        // 330,000 three-byte characters: just under 1 MB of UTF-8, under EventStoreDB's default 1 MiB append limit.
        const big = { text: '档'.repeat(330_000) };
        const e = anEvent('LargeDocumentAttached', big);
        await store.appendToStream(stream, 'no_stream', [e]);
        const [read] = await store.readStream(stream);
        expect((read.data as { text: string }).text.length).toBe(330_000);
        expect(read.data).toEqual(big);
      });
    });

    describe('64-bit positions', () => {
      it('keeps positions above 2^53 exact through append, reads and subscriptions', async () => {
        if (!h.openWithPositionsFrom) {
          // Not a skip of the rule: a real server's positions cannot be set; its byte offsets are bigint all the same.
          expect(typeof (await store.headPosition())).toBe('bigint');
          return;
        }
        const start = 2n ** 53n + 7n;
        const big = await h.openWithPositionsFrom(start);
        try {
          const stream = uniqueStream();
          const result = await big.appendToStream(stream, 'no_stream', events(3));
          const read = await big.readStream(stream);
          expect(read[0].position >= start).toBe(true);
          expect(read[2].position).toBe(result.position);
          expect(await big.headPosition()).toBe(result.position);
          const fromAll = await big.readAll({ after: read[0].position });
          expect(fromAll.map((e) => e.position)).toEqual([read[1].position, read[2].position]);
          const sub = big.subscribeToAll({ after: read[1].position });
          const seen = await collect(
            sub,
            (s) => s.length >= 1,
            () => true,
          );
          await sub.close();
          expect(seen[0].position).toBe(read[2].position);
        } finally {
          await h.dispose(big);
        }
      });
    });
  });
}
