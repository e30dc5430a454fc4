import fc from 'fast-check';
import { DomainError } from '../../../src/domain/decider';
import { CaseHistoryEntry, reminderPlan } from '../../../src/domain/notifications/reminder-schedule';
import { offboardingDecider, OffboardingState, transferStatus } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { addDays } from '../../../src/domain/shared/calendar';
import { SEPARATION_REASONS, STEP_KEYS } from '../../../src/domain/shared/vocabulary';
import { defaultPolicy, manager, opened, perform, specialist } from '../offboarding/fixtures';
import { NATIONAL_DAY_2026 } from '../shared/national-day-2026';
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

/** A generated case: its opening around National Day 2026, then steps attempted in any order, each a day or more apart. */
const caseArb = fc.record({
  lastWorkingDayOffset: fc.integer({ min: 0, max: 120 }),
  reason: fc.constantFrom(...SEPARATION_REASONS),
  /** Most cases are approved first: every other step waits for it. */
  approveFirst: fc.integer({ min: 0, max: 3 }),
  category: fc.constantFrom('enterprise_regular' as const, 'school_establishment' as const),
  attempts: fc.array(
    fc.record({
      // Weighted to the approval and the transfer-out, so that filings, returns (退单) and 退工 (moving due dates) happen often.
      step: fc.constantFrom(
        ...STEP_KEYS,
        'approval',
        'handover',
        'si_transfer_out',
        'si_transfer_out',
        'si_transfer_out',
        'labor_termination',
      ),
      gap: fc.integer({ min: 0, max: 9 }),
      /** 0: the case is cancelled instead (one attempt in forty). */
      cancel: fc.integer({ min: 0, max: 39 }),
      /** The transfer-out's action, and how many days after the last working day 退工 registers the termination (moving due dates). */
      action: fc.constantFrom('reject' as const, 'complete' as const),
      terminationShift: fc.integer({ min: 0, max: 20 }),
    }),
    { maxLength: 16 },
  ),
});

type Generated = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Plays the attempts: refused ones leave no event, as in the service; each event is recorded at 10:00 UTC on its day. */
function historyOf(generated: Generated): CaseHistoryEntry[] {
  const lastWorkingDay = addDays('2026-08-01', generated.lastWorkingDayOffset);
  const first = opened({ policy: defaultPolicy('shanghai', generated.category), reason: generated.reason });
  const openedAt = addDays(lastWorkingDay, -30);
  const events: Array<[OffboardingEvent, string]> = [
    [{ ...first, effectiveDate: openedAt, data: { ...first.data, lastWorkingDay, openedAt } }, openedAt],
  ];
  let state: OffboardingState = offboardingDecider.evolve(offboardingDecider.initialState, events[0][0]);
  let day = openedAt;
  const approval = { step: 'approval' as const, gap: 1, cancel: 1, action: 'complete' as const, terminationShift: 0 };
  for (const attempt of generated.approveFirst > 0 ? [approval, ...generated.attempts] : generated.attempts) {
    day = addDays(day, attempt.gap);
    if (attempt.cancel === 0) {
      events.push([{ type: 'OffboardingCaseCancelled', data: { note: 'withdrawn', by: manager } }, day]);
      break;
    }
    const transfer = attempt.step === 'si_transfer_out';
    // The filing first; once filed, the bureau's answer: returned (退单) or accepted.
    const action = state.status === 'open' && transferStatus(state) === 'requested' ? attempt.action : 'request';
    const data =
      attempt.step === 'labor_termination'
        ? { terminationDate: addDays(lastWorkingDay, attempt.terminationShift) }
        : transfer && action === 'complete'
          ? { lastPaidMonth: lastWorkingDay.slice(0, 7) }
          : undefined;
    const command = perform(attempt.step, {
      actor: attempt.step === 'approval' ? manager : specialist,
      effectiveDate: day,
      today: day,
      ...(data ? { data } : {}),
      ...(transfer ? { action } : {}),
      ...(transfer && action === 'reject' ? { note: '材料不全' } : {}),
    });
    try {
      for (const event of offboardingDecider.decide(command, state)) {
        state = offboardingDecider.evolve(state, event);
        events.push([event, day]);
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    if (state.status !== 'open') break;
  }
  return events.map(([event, on], i) => ({ event, position: String(100 + i), recordedAt: `${on}T10:00:00Z` }));
}

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
