import { DomainError } from '../decider';
import { addDays, addMonths, IsoDate, isIsoDate, IsoMonth, monthOf } from './calendar';

/**
 * How far ahead of "today" (the business day of the request, passed in the
 * command: the domain reads no clock) an effective date may lie.
 *
 * - A completed fact (a step done, a 减员 filed or sent back, a contribution
 *   month or a correction of one, a case opened) cannot have happened after
 *   today: its date or month may be today's at the latest. An enrolment (增员) is
 *   a filing made by today, but one filed after the month's cut-off takes effect
 *   the next month, so its start month may be the next one (no further).
 * - A plan (the last working day of a case, a termination date, the hire date of
 *   someone joining, a contract's start, a position change, a contribution base
 *   from a coming month) may lie up to PLAN_HORIZON_DAYS ahead.
 *
 * The law fixes no such bound; it is our decision. 90 days covers the notice
 * periods the law sets (30 days for a resignation, LCL art. 37, and for a
 * dismissal without fault, art. 40), a case opened early for a fixed-term
 * contract that runs out, a renewal signed before the old contract ends, and an
 * offer accepted a quarter ahead of the start; it still refuses the typos that a
 * timeline would otherwise carry for years (2052 for 2025, 2025-12 for 2024-12).
 */
export const PLAN_HORIZON_DAYS = 90;

/** The latest day a plan may be dated, seen from `today`. */
export const planHorizon = (today: IsoDate): IsoDate => addDays(today, PLAN_HORIZON_DAYS);

/** What a date conflicts with, for `details.conflictsWith` (the step, or the event and field it comes from). */
export interface DateConflict {
  step?: string;
  action?: string;
  event?: string;
  field?: string;
  effectiveDate: IsoDate | IsoMonth;
}

export function requireToday(today: unknown): asserts today is IsoDate {
  if (!isIsoDate(today))
    throw new DomainError('INVALID_DATE', `today 不是有效日期 / today is not a real date (YYYY-MM-DD): ${String(today)}`, {
      field: 'today',
    });
}

/** A fact happened on or before today. */
export function requireNotFutureFact(field: string, date: IsoDate, today: IsoDate): void {
  requireToday(today);
  if (date > today) {
    throw new DomainError(
      'DATE_IN_FUTURE',
      `${field} ${date} 晚于今天 ${today}，已发生的事实不能记在将来 / ${field} ${date} is after today (${today}); a fact that happened cannot be dated in the future.`,
      { field, date, today, latest: today },
    );
  }
}

/**
 * A fact of a month (a contribution) is of this month at the latest. `monthsAhead`
 * is for a filing that takes effect in a coming month: an enrolment (增员) filed
 * after the month's cut-off starts next month (docs/LAW.md §1.5, the common rule).
 */
export function requireNotFutureMonth(field: string, month: IsoMonth, today: IsoDate, monthsAhead = 0): void {
  requireToday(today);
  const current = monthOf(today);
  const latest = addMonths(current, monthsAhead);
  if (month > latest) {
    throw new DomainError(
      'DATE_IN_FUTURE',
      monthsAhead === 0
        ? `${field} ${month} 晚于本月 ${current}，不能预先记录 / ${field} ${month} is after the current month (${current}); it cannot be recorded ahead.`
        : `${field} ${month} 晚于 ${latest}（本月 ${current} 的下月），不能预先记录 / ${field} ${month} is after ${latest}, the month after the current one (${current}); it cannot be recorded further ahead.`,
      { field, date: month, today, latest },
    );
  }
}

/** A plan lies at most PLAN_HORIZON_DAYS ahead. */
export function requireWithinPlanHorizon(field: string, date: IsoDate, today: IsoDate): void {
  requireToday(today);
  const latest = planHorizon(today);
  if (date > latest) {
    throw new DomainError(
      'DATE_IN_FUTURE',
      `${field} ${date} 超出今天（${today}）起 ${PLAN_HORIZON_DAYS} 天，最晚为 ${latest} / ${field} ${date} is more than ${PLAN_HORIZON_DAYS} days after today (${today}); the latest allowed is ${latest}.`,
      { field, date, today, latest },
    );
  }
}

/** A plan of a month (a base from a coming month) starts at the latest in the month the horizon reaches. */
export function requireMonthWithinPlanHorizon(field: string, month: IsoMonth, today: IsoDate): void {
  requireToday(today);
  const latest = monthOf(planHorizon(today));
  if (month > latest) {
    throw new DomainError(
      'DATE_IN_FUTURE',
      `${field} ${month} 超出今天（${today}）起 ${PLAN_HORIZON_DAYS} 天，最晚为 ${latest} / ${field} ${month} is more than ${PLAN_HORIZON_DAYS} days ahead of today (${today}); the latest allowed month is ${latest}.`,
      { field, date: month, today, latest },
    );
  }
}

/**
 * `date` (of `field`) precedes a date it must follow. `what` names the earlier
 * fact in both languages for the message; the dates go into `details`.
 */
export function outOfOrder(
  field: string,
  date: IsoDate | IsoMonth,
  what: { zh: string; en: string },
  conflictsWith: DateConflict,
): DomainError {
  const on = conflictsWith.effectiveDate;
  return new DomainError(
    'DATE_OUT_OF_ORDER',
    `${field} ${date} 早于${what.zh}（${on}），不能早于它 / ${field} ${date} is before ${what.en} (${on}); it cannot precede it.`,
    { field, date, conflictsWith },
  );
}
