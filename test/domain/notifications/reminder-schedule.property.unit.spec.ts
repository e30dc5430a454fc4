import fc from 'fast-check';
import { DomainError } from '../../../src/domain/decider';
import { CaseHistoryEntry, reminderPlan } from '../../../src/domain/notifications/reminder-schedule';
import { offboardingDecider, OffboardingState } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { addDays } from '../../../src/domain/shared/calendar';
import { SEPARATION_REASONS, STEP_KEYS } from '../../../src/domain/shared/vocabulary';
import { defaultPolicy, manager, opened, perform, specialist } from '../offboarding/fixtures';
import { NATIONAL_DAY_2026 } from '../shared/national-day-2026';

const OFFICE = { timeZone: 'Asia/Shanghai', hour: 9 };
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
  category: fc.constantFrom('enterprise_regular' as const, 'school_establishment' as const),
  attempts: fc.array(fc.record({ step: fc.constantFrom(...STEP_KEYS), gap: fc.integer({ min: 0, max: 9 }), cancel: fc.boolean() }), {
    maxLength: 14,
  }),
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
  for (const attempt of generated.attempts) {
    day = addDays(day, attempt.gap);
    if (attempt.cancel && attempt.step === 'handover') {
      events.push([{ type: 'OffboardingCaseCancelled', data: { note: 'withdrawn', by: manager } }, day]);
      break;
    }
    const data =
      attempt.step === 'labor_termination'
        ? { terminationDate: lastWorkingDay }
        : attempt.step === 'si_transfer_out'
          ? { lastPaidMonth: lastWorkingDay.slice(0, 7) }
          : undefined;
    const command = perform(attempt.step, {
      actor: attempt.step === 'approval' ? manager : specialist,
      effectiveDate: day,
      today: day,
      ...(data ? { data } : {}),
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
  it('puts every reminder on a working day at 09:00 in Shanghai, after the event that planned it, with ids unique and the same on replay', () => {
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
  });
});
