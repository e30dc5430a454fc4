import { MongoReadStore } from '../../src/infrastructure/read-store/mongo/mongo-read-store';
import { ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { Lease, LEASES } from '../../src/projections/lease';
import { applyEvents } from '../../src/projections/apply-events';
import { checkpointKey } from '../../src/projections/generations';
import { Projection } from '../../src/projections/projection';
import { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { ReadStoreOutbox } from '../../src/notifications/delivery/read-store-outbox';
import { OutboundMessage } from '../../src/notifications/outbound-message';
import { suite } from '../support/contract-suite';
import { mongoTestServer } from '../support/mongo-test-server';

/**
 * The outbox and the lease over each read-store adapter: the embedded SQLite file
 * and MongoDB (FerretDB when no MONGODB_URI), as the read-store contract runs.
 */
const mongo = mongoTestServer('Outbox and lease on MongoDB');
if (mongo) {
  beforeAll(() => mongo.start(), 60_000);
  afterAll(() => mongo.stop(), 30_000);
}

const recorded = (position: bigint): RecordedEvent =>
  ({
    id: `e${position}`,
    stream: 'offboarding-C1',
    type: 'StepCompleted',
    revision: 0n,
    position,
    data: {},
    metadata: {},
  }) as RecordedEvent;

const message = (id: string, notBefore = '2026-12-03T09:00:00+08:00'): OutboundMessage => ({
  id,
  kind: 'reminder',
  audience: [{ kind: 'role', role: 'hr_specialist', department: 'it' }],
  title: { zh: '提醒', en: 'Reminder' },
  text: { zh: '到期', en: 'Due' },
  notBefore,
  caseId: 'C1',
});

function outboxAndLease(name: string, open: () => Promise<ReadStore>, available = true) {
  suite({ available })(`Outbox and lease on ${name}`, () => {
    let reads: ReadStore;
    let now: Date;
    beforeAll(async () => {
      reads = await open();
    });
    afterAll(() => reads.close());
    beforeEach(() => {
      now = new Date('2026-12-03T02:00:00.000Z');
    });

    it('enqueue is idempotent by id; due messages are found by instant; routing twice makes each delivery once', async () => {
      const outbox = new ReadStoreOutbox(reads, () => now);
      await outbox.ensureCollections();
      const prefix = `m${Date.now()}`;
      await outbox.enqueue([message(`${prefix}-1`), message(`${prefix}-2`, '2026-12-03T11:00:00+08:00')]);
      await outbox.enqueue([{ ...message(`${prefix}-1`), text: { zh: '重放', en: 'replayed' } }]);
      const due = (await outbox.dueMessages(now, 100)).filter((m) => m.id.startsWith(prefix));
      expect(due.map((m) => [m.id, m.message.text.en])).toEqual([[`${prefix}-1`, 'Due']]);
      const channels = [
        { id: 'a', type: 'webhook' as const },
        { id: 'b', type: 'email' as const },
      ];
      expect(await outbox.route(due[0], channels, now)).toBe(true);
      // A second router working from the same read loses the compare-and-set and adds no delivery.
      expect(await outbox.route(due[0], channels, now)).toBe(false);
      const pending = (await outbox.dueDeliveries(now, 100)).filter((d) => d.messageId === `${prefix}-1`);
      expect(pending.map((d) => d.id).sort()).toEqual([`${prefix}-1|a`, `${prefix}-1|b`]);
      // A claim is a compare-and-set: of two claims from the same read, one wins.
      const [first] = pending;
      expect(await outbox.update(first, { nextAttemptAt: '2026-12-03T03:00:00.000Z' })).not.toBeNull();
      expect(await outbox.update(first, { nextAttemptAt: '2026-12-03T03:00:00.000Z' })).toBeNull();
      expect(await outbox.cancelPending(`${prefix}-`)).toBe(1);
      expect((await outbox.message(`${prefix}-2`))?.state).toBe('cancelled');
    });

    it('in a reactor’s batch: messages and withdrawals written with its checkpoint, the dispatcher told once it is committed', async () => {
      const outbox = new ReadStoreOutbox(reads, () => now);
      await outbox.ensureCollections();
      const prefix = `b${Date.now()}`;
      await outbox.enqueue([message(`${prefix}:old:1`)]);
      const reactor: Projection = {
        name: `pushing_${prefix}`,
        version: 1,
        collections: {},
        idempotent: true,
        handle: async (_event, view) => {
          const out = outbox.inBatch(view);
          out.cancelPending(`${prefix}:old:`);
          out.enqueue([message(`${prefix}:new:1`), message(`${prefix}:new:2`)]);
        },
      };
      // What the dispatcher would find when told: the checkpoint, written in the same commit as the messages.
      const told: Array<bigint | null> = [];
      outbox.onEnqueued(() => void reads.getCheckpoint(checkpointKey(reactor, 1)).then((c) => told.push(c)));
      const written = await applyEvents(reads, reactor, 1, [recorded(41n)], 41n, { checkpointAlone: false });
      expect(written).toBe(true);
      expect((await outbox.message(`${prefix}:old:1`))?.state).toBe('cancelled');
      expect((await outbox.message(`${prefix}:new:2`))?.state).toBe('pending');
      expect(await reads.getCheckpoint(checkpointKey(reactor, 1))).toBe(41n);
      // Told once for the batch, after its commit.
      await new Promise((resolve) => setImmediate(resolve));
      expect(told).toEqual([41n]);
    });

    it('one lease holder at a time; a stopped holder hands over at once, an expired one is taken over', async () => {
      const name = `reactor:test-${Date.now()}`;
      let wall = Date.parse('2026-12-03T02:00:00.000Z');
      const events: string[] = [];
      const lease = (holder: string) =>
        new Lease(
          reads,
          name,
          holder,
          { ttlMs: 1000, renewMs: 10_000, now: () => wall },
          {
            onAcquired: () => void events.push(`${holder} acquired`),
            onLost: () => void events.push(`${holder} lost`),
          },
        );
      const a = lease('A');
      const b = lease('B');
      const tick = (l: Lease) => (l as unknown as { tick(): Promise<void> }).tick();
      await tick(a);
      await tick(b);
      expect([a.isHeld, b.isHeld]).toEqual([true, false]);
      wall += 500;
      await tick(a); // renewed to wall + 1000
      wall += 900;
      await tick(b);
      expect(b.isHeld).toBe(false);
      // A stops renewing (killed): once its expiry passes, B takes over and A, if it comes back, has lost it.
      wall += 200;
      await tick(b);
      expect(b.isHeld).toBe(true);
      await tick(a);
      expect(a.isHeld).toBe(false);
      expect(events).toEqual(['A acquired', 'B acquired', 'A lost']);
      // B stops: it releases, and A takes over on its next look without waiting for the expiry.
      await b.stop();
      await tick(a);
      expect(a.isHeld).toBe(true);
      expect(await reads.get(LEASES, name)).toMatchObject({ holder: 'A' });
      await a.stop();
    });
  });
}

outboxAndLease('SQLite', async () => new SqliteReadStore(':memory:'));
outboxAndLease(
  mongo?.label ?? 'MongoDB',
  async () => new MongoReadStore(mongo!.uri(), mongo!.database('outbox'), { serverSelectionTimeoutMS: 5000 }),
  mongo !== null,
);
