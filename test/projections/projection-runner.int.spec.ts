import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { physicalName, readPointer } from '../../src/projections/generations';
import { Projection, ProjectionView } from '../../src/projections/projection';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { rebuildProjection } from '../../src/projections/rebuild';
import { anEvent } from '../infrastructure/event-store/event-store.contract';

/** Counts events per stream and remembers their order: double-applying or skipping an event shows. */
const tally = (version = 1, fail?: (e: RecordedEvent) => boolean): Projection => ({
  name: 'tally',
  version,
  collections: { tallies: [{ fields: ['count'] }] },
  async handle(event: RecordedEvent, view: ProjectionView) {
    if (fail?.(event)) throw new Error(`cannot handle ${event.type}`);
    const doc = await view.get<{ id: string; count: number; ids: string[] }>('tallies', event.stream);
    view.upsert('tallies', { id: event.stream, count: (doc?.count ?? 0) + 1, ids: [...(doc?.ids ?? []), event.id] });
  },
});

const quiet = { info: () => undefined, error: () => undefined };
const now = () => new Date('2024-05-10T08:00:00Z');

async function eventually(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function append(store: SqliteEventStore, stream: string, n: number) {
  for (let i = 0; i < n; i++) await store.appendToStream(stream, 'any', [anEvent('Counted', { i })]);
}

async function tallies(reads: ReadStore, generation: number) {
  return reads.find(physicalName('tallies', generation), { sort: { id: 1 } });
}

describe('ProjectionRunner', () => {
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  const runners: ProjectionRunner[] = [];
  const run = async (projection: Projection, options: Partial<ConstructorParameters<typeof ProjectionRunner>[3]> = {}) => {
    const runner = new ProjectionRunner(projection, events, reads, { now, log: quiet, pointerCheckMs: 20, maxBackoffMs: 20, ...options });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const caughtUp = (runner: ProjectionRunner) => eventually(async () => runner.status().checkpoint === (await events.headPosition()));

  beforeEach(() => {
    events = new SqliteEventStore({ file: ':memory:', pollIntervalMs: 20 });
    reads = new SqliteReadStore(':memory:');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await events.close();
    await reads.close();
  });

  it('catches up with the log, then follows live appends, storing the checkpoint with the writes', async () => {
    await append(events, 'a-1', 3);
    const runner = await run(tally());
    await caughtUp(runner);
    await append(events, 'b-1', 2);
    await caughtUp(runner);
    expect((await tallies(reads, 1)).map((d) => [d.id, d.count])).toEqual([
      ['a-1', 3],
      ['b-1', 2],
    ]);
    expect(await reads.getCheckpoint('tally_g1')).toBe(await events.headPosition());
    expect(runner.status()).toMatchObject({ state: 'live', generation: 1 });
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    await append(events, 'a-1', 4);
    const first = await run(tally());
    await caughtUp(first);
    await first.stop();
    await append(events, 'a-1', 2);
    const second = await run(tally());
    await caughtUp(second);
    const [doc] = await tallies(reads, 1);
    expect(doc.count).toBe(6);
    expect(new Set(doc.ids as string[]).size).toBe(6);
  });

  it('ends with the same read model as a rebuild from position 0', async () => {
    await append(events, 'a-1', 5);
    const runner = await run(tally());
    await append(events, 'b-1', 3);
    await append(events, 'a-1', 2);
    await caughtUp(runner);
    const incremental = await tallies(reads, 1);
    const rebuilt = await rebuildProjection(events, reads, tally(), { now });
    expect(rebuilt.generation).toBe(2);
    expect(await tallies(reads, 2)).toEqual(incremental);
  });

  it('follows a rebuild made elsewhere: switches generation, drops the old one, keeps going live', async () => {
    await append(events, 'a-1', 3);
    const runner = await run(tally());
    await caughtUp(runner);
    await rebuildProjection(events, reads, tally(), { now });
    await eventually(() => runner.status().generation === 2);
    expect(runner.collection('tallies')).toBe('tallies_g2');
    await append(events, 'a-1', 1);
    await eventually(async () => (await tallies(reads, 2))[0]?.count === 4);
    await eventually(async () => (await reads.listCollections('tallies_g')).join() === 'tallies_g2');
  });

  it('rebuilds into a new generation when the projection version changes, serving the old one meanwhile', async () => {
    await append(events, 'a-1', 3);
    const v1 = await run(tally(1));
    await caughtUp(v1);
    await v1.stop();
    const v2 = await run(tally(2));
    await eventually(() => v2.status().generation === 2 && !v2.status().rebuilding);
    expect((await readPointer(reads, tally(2)))?.version).toBe(2);
    await caughtUp(v2);
    expect((await tallies(reads, 2))[0].count).toBe(3);
  });

  it('stops at an event its handler cannot apply, reports failing, and resumes from there once it can', async () => {
    let broken = true;
    await append(events, 'a-1', 2);
    await events.appendToStream('a-1', 'any', [anEvent('Poison')]);
    await append(events, 'a-1', 2);
    const runner = await run(tally(1, (e) => broken && e.type === 'Poison'));
    await eventually(() => runner.status().state === 'failing');
    expect(runner.status().lastError).toMatch(/cannot handle Poison/);
    // Nothing of the failed batch was written: the handler failed before the commit.
    expect(await reads.getCheckpoint('tally_g1')).toBeNull();
    broken = false;
    await caughtUp(runner);
    expect((await tallies(reads, 1))[0].count).toBe(5);
    expect(runner.status().state).toBe('live');
  });
  describe('a projection that acts on some event types only', () => {
    /** Tallies `Acted` events only, and remembers every event it was handed. */
    const handed: string[] = [];
    const actedTally = (): Projection => ({
      ...tally(),
      eventTypes: ['Acted'],
      async handle(event: RecordedEvent, view: ProjectionView) {
        handed.push(event.type);
        await tally().handle(event, view);
      },
    });
    const appendTyped = async (stream: string, type: string, n: number) => {
      for (let i = 0; i < n; i++) await events.appendToStream(stream, 'any', [anEvent(type, { i })]);
    };
    beforeEach(() => handed.splice(0));

    it('is handed only those, while its checkpoint follows the whole log', async () => {
      await appendTyped('a-1', 'Counted', 2);
      await appendTyped('a-1', 'Acted', 1);
      const runner = await run(actedTally());
      await caughtUp(runner);
      await appendTyped('b-1', 'Counted', 3);
      await appendTyped('b-1', 'Acted', 2);
      await appendTyped('b-1', 'Counted', 1);
      await caughtUp(runner);
      expect(handed).toEqual(['Acted', 'Acted', 'Acted']);
      expect((await tallies(reads, 1)).map((d) => [d.id, d.count])).toEqual([
        ['a-1', 1],
        ['b-1', 2],
      ]);
    });

    it('writes its checkpoint over other events at most once a period while it follows, and when it stops', async () => {
      await appendTyped('a-1', 'Acted', 1);
      const runner = await run(actedTally(), { checkpointEveryMs: 60_000 });
      await caughtUp(runner);
      const acted = await events.headPosition();
      expect(await reads.getCheckpoint('tally_g1')).toBe(acted);
      await appendTyped('a-1', 'Counted', 3);
      await caughtUp(runner);
      // Within the period after its last write: the events it skipped move the checkpoint it reports, not the stored one.
      expect(await reads.getCheckpoint('tally_g1')).toBe(acted);
      await runner.stop();
      expect(await reads.getCheckpoint('tally_g1')).toBe(await events.headPosition());
    });

    it('writes the checkpoint it skipped once the log goes quiet, without waiting for an event it acts on', async () => {
      await appendTyped('a-1', 'Acted', 1);
      const runner = await run(actedTally(), { checkpointEveryMs: 50 });
      await caughtUp(runner);
      await appendTyped('a-1', 'Counted', 3);
      // A stand-by replica reports the stored checkpoint: it must reach the head while nothing else is appended.
      await eventually(async () => (await reads.getCheckpoint('tally_g1')) === (await events.headPosition()));
      expect(runner.status().state).toBe('live');
    });

    it('resumes after a restart without handing any event twice', async () => {
      await appendTyped('a-1', 'Acted', 2);
      const first = await run(actedTally(), { checkpointEveryMs: 60_000 });
      await caughtUp(first);
      await appendTyped('a-1', 'Counted', 2);
      await caughtUp(first);
      await first.stop();
      await appendTyped('a-1', 'Acted', 1);
      const second = await run(actedTally());
      await caughtUp(second);
      expect(handed).toEqual(['Acted', 'Acted', 'Acted']);
      expect((await tallies(reads, 1))[0].count).toBe(3);
    });
  });
  describe('an idempotent reactor: its batches write no read model', () => {
    /** Acts outside the read store (as the reminders do through the outbox): remembers each event id it was handed. */
    const acted: string[] = [];
    const reactor = (idempotent = true): Projection => ({
      name: 'reactor',
      version: 1,
      collections: {},
      idempotent,
      async handle(event: RecordedEvent) {
        acted.push(event.id);
      },
    });
    beforeEach(() => acted.splice(0));

    it('writes its first checkpoint, then leaves the next ones to the period, the quiet log or its stop', async () => {
      await append(events, 'a-1', 2);
      const runner = await run(reactor(), { checkpointEveryMs: 60_000 });
      await caughtUp(runner);
      const first = await events.headPosition();
      expect(await reads.getCheckpoint('reactor_g1')).toBe(first);
      await append(events, 'a-1', 3);
      await caughtUp(runner);
      // It reports where it is; the stored checkpoint waits: a replay from there would act alike again.
      expect(runner.status().checkpoint).toBe(await events.headPosition());
      expect(await reads.getCheckpoint('reactor_g1')).toBe(first);
      await runner.stop();
      expect(await reads.getCheckpoint('reactor_g1')).toBe(await events.headPosition());
      expect(acted).toHaveLength(5);
    });

    it('writes the checkpoint of every batch when it is not idempotent (the process manager)', async () => {
      await append(events, 'a-1', 2);
      const runner = await run(reactor(false), { checkpointEveryMs: 60_000 });
      await caughtUp(runner);
      await append(events, 'a-1', 3);
      await caughtUp(runner);
      expect(await reads.getCheckpoint('reactor_g1')).toBe(await events.headPosition());
    });

    it('writes the checkpoint it left once the period is over, while the log goes on or goes quiet', async () => {
      await append(events, 'a-1', 1);
      const runner = await run(reactor(), { checkpointEveryMs: 50 });
      await caughtUp(runner);
      await append(events, 'a-1', 3);
      await eventually(async () => (await reads.getCheckpoint('reactor_g1')) === (await events.headPosition()));
    });

    it('is handed again, after a crash, the events whose checkpoint it had not written, and none before', async () => {
      await append(events, 'a-1', 2);
      const first = await run(reactor(), { checkpointEveryMs: 60_000 });
      await caughtUp(first);
      await append(events, 'a-1', 2);
      await caughtUp(first);
      const unwritten = acted.slice(2);
      // What a restart after a crash finds is what is stored: another runner started from it now (the first one never writes again within the period).
      acted.splice(0);
      const second = await run(reactor(), { checkpointEveryMs: 60_000 });
      await caughtUp(second);
      expect(acted).toEqual(unwritten);
    });
  });
});
