import fc from 'fast-check';
import { reminderPlan } from '../../src/domain/notifications/reminder-schedule';
import { EventStore, RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { ReadDocument } from '../../src/infrastructure/read-store/read-store.port';
import { ProjectionView } from '../../src/projections/projection';
import { reminderReactor } from '../../src/reminders';
import { caseArb, historyOf } from '../domain/notifications/generated-cases';
import { NATIONAL_DAY_2026 } from '../domain/shared/national-day-2026';
import { InMemoryOutbox } from '../support/in-memory-outbox';
import { noSideWrites } from '../support/no-side-writes';

const context = { calendar: NATIONAL_DAY_2026, officeHours: { timeZone: 'Asia/Shanghai', hour: 9 } };
/** Before every generated event: no reminder is dropped as too late, so the outbox is asked exactly what the plans say. */
const clock = () => new Date('2026-01-01T00:00:00Z');
/** A budget, not an assertion (speed is bench/'s business). */
const BUDGET = 120_000;

/** A read model as the stores keep it: through JSON, so a handler gets back what it wrote, Maps and all, or nothing. */
function storedView(): ProjectionView {
  const docs = new Map<string, string>();
  return {
    get: async <T extends ReadDocument>(collection: string, id: string) => {
      const json = docs.get(`${collection}/${id}`);
      return json === undefined ? null : (JSON.parse(json) as T);
    },
    upsert: (collection, doc) => void docs.set(`${collection}/${doc.id}`, JSON.stringify(doc)),
    delete: (collection, id) => void docs.delete(`${collection}/${id}`),
    ...noSideWrites,
  };
}

describe('the reminder reactor’s kept fold, for any history of a case around National Day 2026', () => {
  it(
    'asks the outbox, event after event, exactly what the plan of the whole history up to each event says, reading no stream',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb, async (generated) => {
          const history = historyOf(generated);
          const stored: RecordedEvent[] = history.map((entry, i) => ({
            id: `e${i}`,
            stream: 'offboarding-K1',
            revision: BigInt(i),
            position: BigInt(entry.position),
            type: entry.event.type,
            schemaVersion: 1,
            data: entry.event.data,
            metadata: { recordedAt: entry.recordedAt },
          }));
          const noStreams = {
            readStream: async () => {
              throw new Error('read a stream although the fold was kept');
            },
          } as unknown as EventStore;
          const outbox = new InMemoryOutbox();
          const reactor = reminderReactor(noStreams, outbox, context, clock);
          const view = storedView();
          const expected = new InMemoryOutbox();
          for (let n = 1; n <= history.length; n += 1) {
            await reactor.handle(stored[n - 1], view);
            const plan = reminderPlan(history.slice(0, n), context);
            for (const prefix of plan.cancel) await expected.cancelPending(prefix);
            if (plan.enqueue.length > 0) await expected.enqueue(plan.enqueue as never);
            expect(outbox.calls).toEqual(expected.calls);
          }
        }),
        { numRuns: 40, seed: 20261204 },
      );
    },
    BUDGET,
  );
});
