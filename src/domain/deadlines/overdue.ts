import { OffboardingState, StepStatus, stepStatuses } from '../offboarding/offboarding.decider';
import { addDays, daysBetween, earliest, IsoDate } from '../shared/calendar';
import { StepKey } from '../shared/vocabulary';

/** A step's due date, from its policy's rule (due-dates.ts). */
export interface Deadline {
  key: StepKey;
  dueDate: IsoDate;
}

export interface OverdueStep extends Deadline {
  /** Calendar days since the due date: 1 on the day after it. */
  daysOverdue: number;
}

/**
 * The steps of an open case that are not done and have a due date; none once the
 * case is closed. They do not depend on today, so a read model can keep them and
 * a query decides which are overdue.
 */
export function pendingDeadlines(state: OffboardingState): Deadline[] {
  return deadlinesOf(state.status, stepStatuses(state));
}

/** The same, from step statuses already computed (a read model keeps them). */
export function deadlinesOf(caseStatus: OffboardingState['status'], steps: StepStatus[]): Deadline[] {
  if (caseStatus !== 'open') return [];
  return steps.flatMap((s) => (s.doneOn === null && s.dueDate !== null ? [{ key: s.key, dueDate: s.dueDate }] : []));
}

/** As isStepOverdue (offboarding.decider.ts) has it: a step is overdue from the day after its due date. */
export const overdue = (deadlines: Deadline[], today: IsoDate): OverdueStep[] =>
  deadlines.filter((d) => today > d.dueDate).map((d) => ({ ...d, daysOverdue: daysBetween(d.dueDate, today) }));

/** The first day on which one of the deadlines is overdue; null without any. */
export const overdueFrom = (deadlines: Deadline[]): IsoDate | null =>
  deadlines.length === 0 ? null : addDays(earliest(...deadlines.map((d) => d.dueDate)), 1);
