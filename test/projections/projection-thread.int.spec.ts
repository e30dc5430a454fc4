import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { v7 as uuidv7 } from 'uuid';
import { allProjections, pushReactors } from '../../src/app.projections';
import { offboardingDecider } from '../../src/domain/offboarding/offboarding.decider';
import { offboardingStream, refusalLogStream } from '../../src/domain/shared/streams';
import { OUTBOX_MESSAGES, QueuedMessage } from '../../src/notifications/delivery/read-store-outbox';
import { ProjectionThread, WorkerReactors } from '../../src/projections/projection-thread';
import { anEvent } from '../infrastructure/event-store/event-store.contract';
import { manager, openCase, perform, specialist } from '../domain/offboarding/fixtures';
import { InMemoryOutbox } from '../support/in-memory-outbox';
import { TEST_SECRET } from '../support/tokens';

const LOADER = join(__dirname, '..', 'support', 'projection-worker-from-source.js');

async function eventually(check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ProjectionThread (the projection runners in a worker thread)', () => {
  let dataDir: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let thread: ProjectionThread;
  let errors: string[];
  const startThread = (reactors?: WorkerReactors) => {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_SECRET });
    const log = {
      info: () => undefined,
      warn: () => undefined,
      error: (m: string, f?: object) => errors.push(`${m} ${JSON.stringify(f)}`),
    };
    thread = new ProjectionThread(allProjections(), config, events, log, LOADER, reactors);
    return thread.start();
  };
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'projection-thread-'));
    events = new SqliteEventStore({ file: join(dataDir, 'events.db') });
    reads = new SqliteReadStore(join(dataDir, 'read-models.db'));
    errors = [];
  });
  afterEach(async () => {
    await thread?.stop();
    await reads.close();
    await events.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts every runner, follows appends committed by the request thread, reports statuses and stops cleanly', async () => {
    await startThread();
    const catalog = thread.runners.find((r) => r.projection.name === 'stream_catalog')!;
    expect(catalog.status()).toMatchObject({ state: 'live', generation: 1 });
    expect(catalog.collection('streams')).toBe('streams_g1');

    await events.appendToStream('thing-1', 'no_stream', [anEvent('ThingMade'), anEvent('ThingChanged')]);
    const head = await events.headPosition();
    await eventually(() => thread.runners.every((r) => r.status().checkpoint === head), 20_000);
    expect(await reads.get('streams_g1', 'thing-1')).toMatchObject({ events: 2, lastType: 'ThingChanged' });

    // Each commit is followed (the doorbell's wake-up itself is tested in doorbell.unit.spec.ts, without a clock).
    for (let i = 0; i < 10; i++) {
      const { position } = await events.appendToStream('thing-1', 'any', [anEvent('ThingChanged')]);
      await eventually(() => catalog.status().checkpoint === position, 20_000);
    }

    // Read-your-writes: the request thread learns from shared memory when every worker projection has applied a position.
    const { position } = await events.appendToStream('thing-2', 'no_stream', [anEvent('ThingMade')]);
    expect(await thread.applied.reached(position, 20_000)).toBe(true);
    expect(thread.applied.get()).toBe(position);
    expect(await reads.get('streams_g1', 'thing-2')).toMatchObject({ events: 1 });
    expect(await thread.applied.reached(position + 1n, 10)).toBe(false);

    await thread.stop();
    expect(thread.runners.every((r) => r.status().state === 'stopped')).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  it('runs the push reactors under the process’s leases: reminders enqueued and withdrawn on the worker’s read store, each push told', async () => {
    let pushes = 0;
    const outbox = async () => new Map((await reads.find<QueuedMessage>(OUTBOX_MESSAGES)).map((m) => [m.id, m.state]));
    const today = new Date().toISOString().slice(0, 10);
    const inTwoMonths = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const append = (stream: string, event: { type: string; data: unknown }, actor = specialist) =>
      events.appendToStream(stream, 'any', [
        { id: uuidv7(), type: event.type, schemaVersion: 1, data: event.data, metadata: { actor, recordedAt: new Date().toISOString() } },
      ]);
    // Built in this thread only to name them (the worker builds its own over its read store).
    const named = pushReactors({ events, clock: () => new Date(), outbox: new InMemoryOutbox() });
    await startThread({ pushReactors: named, holderId: 'host:1:test', pushed: () => pushes++ });
    expect(thread.runners.map((r) => r.projection.name)).toEqual(expect.arrayContaining(['reminders', 'refusal_warnings']));

    // A case whose last working day is two months ahead: every step's reminders are still to come.
    const open = openCase({ caseId: 'K9', lastWorkingDay: inTwoMonths });
    const [openedNow] = offboardingDecider.decide(
      { ...open, data: { ...open.data, openedAt: today, today } } as typeof open,
      offboardingDecider.initialState,
    );
    await append(offboardingStream('K9'), openedNow);
    await eventually(async () => [...(await outbox()).keys()].some((id) => id.startsWith('reminder:K9:approval:')), 20_000);
    const approvals = [...(await outbox())].filter(([id]) => id.startsWith('reminder:K9:approval:'));
    expect(approvals.every(([, state]) => state === 'pending')).toBe(true);
    await eventually(() => thread.runners.find((r) => r.projection.name === 'reminders')!.status().state === 'live', 20_000);

    // The approval done: its pending reminders are withdrawn, the other steps' stay.
    const [approved] = offboardingDecider.decide(
      perform('approval', { effectiveDate: today, today }),
      offboardingDecider.evolve(offboardingDecider.initialState, openedNow),
    );
    await append(offboardingStream('K9'), approved, manager);
    await eventually(
      async () => [...(await outbox())].filter(([id]) => id.startsWith('reminder:K9:approval:')).every(([, s]) => s === 'cancelled'),
      20_000,
    );
    expect([...(await outbox())].some(([id, state]) => !id.startsWith('reminder:K9:approval:') && state === 'pending')).toBe(true);

    // A refusal is warned of at once, and the request thread is told to look.
    const told = pushes;
    await append(refusalLogStream(today.slice(0, 7) as never), {
      type: 'CommandRefused',
      data: { command: 'CancelOffboardingCase', code: 'X', message: 'm', subjects: {} },
    });
    await eventually(async () => [...(await outbox()).keys()].some((id) => id.startsWith('warning:')), 20_000);
    await eventually(() => pushes > told, 20_000);
    expect(errors).toEqual([]);
  }, 60_000);
});
