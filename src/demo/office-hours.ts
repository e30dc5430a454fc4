import { addDays, IsoDate } from '../domain/shared/calendar';
import { Random } from './random';

/**
 * When the demo's HR team records things: on working days, in office hours,
 * Beijing time (UTC+8), whose calendar day is the service's business day.
 */
const BEIJING_OFFSET_MINUTES = 8 * 60;

export function beijingTime(day: IsoDate, minutesAfterMidnight: number): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date, 0, minutesAfterMidnight - BEIJING_OFFSET_MINUTES));
}

/** The day itself, or the Monday after a weekend (public holidays are not modelled). */
export function workday(day: IsoDate): IsoDate {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 6 ? addDays(day, 2) : weekday === 0 ? addDays(day, 1) : day;
}

/** A moment in office hours (09:00–17:30) on `day`, or for a weekend day on the Friday before or the Monday after. */
export function officeTime(rng: Random, day: IsoDate): Date {
  const working = workday(day);
  const recorded = working !== day && rng.chance(0.5) ? addDays(working, -3) : working;
  return beijingTime(recorded, rng.int(9 * 60, 17 * 60 + 30));
}

export const plusMinutes = (instant: Date, minutes: number): Date => new Date(instant.getTime() + minutes * 60_000);

export const laterOf = (a: Date, b: Date): Date => (a > b ? a : b);
