import fc from 'fast-check';
import { DomainError } from '../../../src/domain/decider';
import { CaseHistoryEntry } from '../../../src/domain/notifications/reminder-schedule';
import { offboardingDecider, OffboardingState, transferStatus } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { addDays } from '../../../src/domain/shared/calendar';
import { SEPARATION_REASONS, STEP_KEYS } from '../../../src/domain/shared/vocabulary';
import { defaultPolicy, manager, opened, perform, specialist } from '../offboarding/fixtures';

/** A generated case: its opening around National Day 2026, then steps attempted in any order, each a day or more apart. */
export const caseArb = fc.record({
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

export type Generated = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Plays the attempts: refused ones leave no event, as in the service; each event is recorded at 10:00 UTC on its day. */
export function historyOf(generated: Generated): CaseHistoryEntry[] {
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
