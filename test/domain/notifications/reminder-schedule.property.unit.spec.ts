import fc from 'fast-check';
import { reminderPlan } from '../../../src/domain/notifications/reminder-schedule';
import { offboardingDecider, OffboardingState } from '../../../src/domain/offboarding/offboarding.decider';
import { NATIONAL_DAY_2026 } from '../shared/national-day-2026';
import { caseArb, historyOf } from './generated-cases';
import { InMemoryOutbox } from '../../support/in-memory-outbox';

const OFFICE = { timeZone: 'Asia/Shanghai', hour: 9 };
/** A budget, not an assertion (speed is bench/'s business): hundreds of plans on 2 busy cores take tens of seconds. */
const BUDGET = 120_000;
const context = { calendar: NATIONAL_DAY_2026, officeHours: OFFICE };
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: OFFICE.timeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

describe('reminder schedule, for any history of a case around National Day 2026', () => {
  it(
    'puts every reminder on a working day at 09:00 in Shanghai, after the event that planned it, with ids unique and the same on replay',
    () => {
      fc.assert(
        fc.property(caseArb, (generated) => {
          const history = historyOf(generated);
          const ids = new Set<string>();
          for (let n = 1; n <= history.length; n += 1) {
            const plan = reminderPlan(history.slice(0, n), context);
            expect(reminderPlan(history.slice(0, n), context)).toEqual(plan);
            for (const message of plan.enqueue) {
              const [date, time] = shanghai.format(new Date(message.notBefore)).split(', ');
              expect(NATIONAL_DAY_2026.isWorkingDay(date)).toBe(true);
              expect(time).toBe('09:00');
              expect(message.notBefore > history[n - 1].recordedAt.replace('Z', '.000Z')).toBe(true);
              expect(ids.has(message.id)).toBe(false);
              ids.add(message.id);
              expect(message.id.startsWith(`reminder:K1:${message.step}:${history[n - 1].position}:`)).toBe(true);
            }
          }
        }),
        { numRuns: 60, seed: 20261001 },
      );
    },
    BUDGET,
  );

  it(
    'leaves the outbox with the same pending reminders when events are replayed after crashes, and none for a closed case or a done step',
    async () => {
      await fc.assert(
        fc.asyncProperty(caseArb, async (generated) => {
          const history = historyOf(generated);
          /** Applies the plan of each event in order; at each crash, the reactor goes back to an earlier checkpoint and replays. */
          const runWith = async (crashAt: Array<{ at: number; back: number }>) => {
            const outbox = new InMemoryOutbox();
            let n = 1;
            const pendingCrashes = [...crashAt];
            while (n <= history.length) {
              const plan = reminderPlan(history.slice(0, n), context);
              for (const prefix of plan.cancel) await outbox.cancelPending(prefix);
              await outbox.enqueue(plan.enqueue as never);
              const crash = pendingCrashes[0]?.at === n ? pendingCrashes.shift() : undefined;
              n = crash ? Math.max(1, n - crash.back) : n + 1;
            }
            return outbox
              .pending()
              .map((m) => m.id)
              .sort();
          };
          const clean = await runWith([]);
          // Every crash point, going back 1 to 3 events (a checkpoint that lagged behind the outbox).
          for (let at = 1; at <= history.length; at += 1)
            for (let back = 1; back <= 3; back += 1) expect(await runWith([{ at, back }])).toEqual(clean);

          const final = history.reduce(
            (state, e) => offboardingDecider.evolve(state, e.event),
            offboardingDecider.initialState as OffboardingState,
          );
          if (final.status !== 'open') expect(clean).toEqual([]);
          else for (const id of clean) expect(final.done[id.split(':')[2] as keyof typeof final.done]).toBeUndefined();
        }),
        { numRuns: 25, seed: 20261010 },
      );
    },
    BUDGET,
  );
});
