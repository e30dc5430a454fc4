import { addDays as addDaysTo, addMonths as addMonthsTo, differenceInCalendarDays, differenceInCalendarMonths, formatISO } from 'date-fns';

/**
 * Calendar dates ('YYYY-MM-DD') and months ('YYYY-MM') as the law counts them:
 * whole days and months, no time of day, no time zone. Strings in, strings out,
 * so that domain state and events stay plain JSON. date-fns does the arithmetic.
 */
export type IsoDate = string;
export type IsoMonth = string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A real calendar date: rejects 2024-02-30, 2023-02-29, month 13 and year 0000 (a date that does not come back unchanged). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && DATE.test(value) && value >= '0001' && fromDate(toDate(value)) === value;
}

export function isIsoMonth(value: unknown): value is IsoMonth {
  return typeof value === 'string' && MONTH.test(value);
}

/**
 * Local midnight of a 'YYYY-MM-DD' (what date-fns counts on). Built from the digits
 * rather than with date-fns `parse(…, 'yyyy-MM-dd')`, which reads its format string
 * on every call: 4.2 µs against well under 0.1 µs, and projections convert dates
 * for every event (due dates of each step). Out-of-range parts roll over
 * (2024-02-30 is 1 March), which isIsoDate uses to reject them.
 */
function toDate(date: IsoDate): Date {
  const year = Number(date.slice(0, 4));
  const local = new Date(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  // The Date constructor reads years 0-99 as 1900-1999.
  if (year < 100) local.setFullYear(year);
  return local;
}
/** formatISO's date form: the same 'yyyy-MM-dd' as format(), at a seventh of its cost. */
const fromDate = (date: Date): IsoDate => formatISO(date, { representation: 'date' });

export const addDays = (date: IsoDate, days: number): IsoDate => fromDate(addDaysTo(toDate(date), days));
export const daysBetween = (from: IsoDate, to: IsoDate): number => differenceInCalendarDays(toDate(to), toDate(from));

export const monthOf = (date: IsoDate): IsoMonth => date.slice(0, 7);
export const dayOfMonth = (date: IsoDate): number => Number(date.slice(8, 10));
export const firstDayOf = (month: IsoMonth): IsoDate => `${month}-01`;
export const addMonths = (month: IsoMonth, months: number): IsoMonth => monthOf(fromDate(addMonthsTo(toDate(firstDayOf(month)), months)));
/** Whole months from `from` to `to` (2024-01 to 2024-03 is 2). */
export const monthsBetween = (from: IsoMonth, to: IsoMonth): number =>
  differenceInCalendarMonths(toDate(firstDayOf(to)), toDate(firstDayOf(from)));
/** A date in the given month, clamped to its last day (day 31 of February is the 28th or 29th). */
export function dayInMonth(month: IsoMonth, day: number): IsoDate {
  const last = addDaysTo(toDate(firstDayOf(addMonths(month, 1))), -1).getDate();
  return `${month}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** ISO strings of one kind compare correctly as strings. */
export const earliest = <T extends string>(...values: T[]): T => values.reduce((a, b) => (b < a ? b : a));
export const latest = <T extends string>(...values: T[]): T => values.reduce((a, b) => (b > a ? b : a));
