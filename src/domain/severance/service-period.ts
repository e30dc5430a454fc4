import { addDays, addMonths, dayInMonth, dayOfMonth, daysBetween, IsoDate, monthOf, monthsBetween } from '../shared/calendar';

export interface ServicePeriod {
  /** Whole months of service. */
  months: number;
  /** Days worked after the last whole month; not counted (docs/LAW.md §1.1 decision). */
  extraDays: number;
}

/**
 * docs/LAW.md §1.1 decision: service runs from the hire date through the termination
 * date, both days worked, and is rounded down to whole months. The period is
 * [hireDate, terminationDate + 1 day); m months are complete once the day m months
 * after the hire date is reached, that day being the month's last one where the
 * month has no such day (Civil Code art. 202, 没有对应日的，月末日为期间的最后一日).
 * So 2020-01-06..2024-01-05 is exactly 48 months.
 */
export function servicePeriod(hireDate: IsoDate, terminationDate: IsoDate): ServicePeriod {
  const end = addDays(terminationDate, 1);
  const monthsAfterHire = (m: number) => dayInMonth(addMonths(monthOf(hireDate), m), dayOfMonth(hireDate));
  let months = monthsBetween(monthOf(hireDate), monthOf(end));
  if (monthsAfterHire(months) > end) months--;
  return { months, extraDays: daysBetween(monthsAfterHire(months), end) };
}

/**
 * LCL art. 47 para. 1: one month's wage per full year; a remainder of six months
 * or more (六个月以上, which includes six: Civil Code art. 1259) counts as a year,
 * less than six months (不满六个月) as half a month.
 */
export function compensationYears(months: number): number {
  const remainder = months % 12;
  return Math.floor(months / 12) + (remainder >= 6 ? 1 : remainder > 0 ? 0.5 : 0);
}
