/**
 * Calendar dates ('YYYY-MM-DD') and months ('YYYY-MM') as the law counts them:
 * whole days and months, no time of day, no time zone. Strings in, strings out,
 * so that domain state and events stay plain JSON. Days are counted as day numbers
 * on the proleptic Gregorian calendar in UTC, where every day has 24 hours: date-fns
 * counted on local midnights and asked the time zone's offset of each (a twentieth
 * of a case view's request thread in bench:api); its answers are the tests' reference.
 */
export type IsoDate = string;
export type IsoMonth = string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY_MS = 86_400_000;

/** A real calendar date: rejects 2024-02-30, 2023-02-29, month 13 and year 0000 (a date that does not come back unchanged). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && DATE.test(value) && value >= '0001' && fromDayNumber(dayNumber(value)) === value;
}

export function isIsoMonth(value: unknown): value is IsoMonth {
  return typeof value === 'string' && MONTH.test(value);
}

/**
 * Days since 1970-01-01. Built from the digits with setUTCFullYear, which (unlike the
 * Date constructor) keeps years 0-99; out-of-range parts roll over (2024-02-30 is
 * 1 March), which isIsoDate uses to reject them.
 */
function dayNumber(date: IsoDate): number {
  const utc = new Date(0);
  utc.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return utc.getTime() / DAY_MS;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

function fromDayNumber(day: number): IsoDate {
  const utc = new Date(day * DAY_MS);
  return `${String(utc.getUTCFullYear()).padStart(4, '0')}-${twoDigits(utc.getUTCMonth() + 1)}-${twoDigits(utc.getUTCDate())}`;
}

/** Months since year 0, January: month arithmetic is integer arithmetic on it. */
export const monthNumber = (month: IsoMonth): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const fromMonthNumber = (n: number): IsoMonth => `${String(Math.floor(n / 12)).padStart(4, '0')}-${twoDigits((n % 12) + 1)}`;

export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(date) + days);
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

export const monthOf = (date: IsoDate): IsoMonth => date.slice(0, 7);
export const dayOfMonth = (date: IsoDate): number => Number(date.slice(8, 10));
export const firstDayOf = (month: IsoMonth): IsoDate => `${month}-01`;
export const addMonths = (month: IsoMonth, months: number): IsoMonth => fromMonthNumber(monthNumber(month) + months);
/** Whole months from `from` to `to` (2024-01 to 2024-03 is 2). */
export const monthsBetween = (from: IsoMonth, to: IsoMonth): number => monthNumber(to) - monthNumber(from);
/** A date in the given month, clamped to its last day (day 31 of February is the 28th or 29th). */
export function dayInMonth(month: IsoMonth, day: number): IsoDate {
  const last = daysBetween(firstDayOf(month), firstDayOf(addMonths(month, 1)));
  return `${month}-${twoDigits(Math.min(day, last))}`;
}

/** ISO strings of one kind compare correctly as strings. */
export const earliest = <T extends string>(...values: T[]): T => values.reduce((a, b) => (b < a ? b : a));
export const latest = <T extends string>(...values: T[]): T => values.reduce((a, b) => (b > a ? b : a));
