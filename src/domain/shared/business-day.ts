import { IsoDate, IsoMonth } from './calendar';

/**
 * The business date of an instant: the calendar day on the wall clocks of the
 * given time zone. Deadlines in Chinese law count China's days (LCL art. 50's
 * fifteen days, the 15th of the month for 减员): 07:30 on the 16th in Beijing is
 * 23:30 on the 15th in UTC, and must count as the 16th. Pure: the instant and
 * the zone come in; the zone database is the runtime's (Intl, ICU).
 */
export function businessDateOf(instant: Date, timeZone: string): IsoDate {
  const ms = instant.getTime();
  const minute = Math.floor(ms / 60_000);
  const last = lastAnswers.get(timeZone);
  if (last?.minute === minute) return last.date;
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  if (ms >= WHOLE_MINUTE_OFFSETS_SINCE) lastAnswers.set(timeZone, { minute, date });
  return date;
}

/**
 * The last answer per zone, by UTC minute: formatting costs ~10 µs, and every
 * command and case view asks for today. Since 1980 every zone's offset from UTC
 * is a whole number of minutes (checked for all of the runtime's zones), so its
 * midnights fall on whole UTC minutes and all instants of one minute share a
 * date. Not before: local mean time had seconds (Shanghai +8:05:43 until 1901).
 */
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1980, 0, 1);
const lastAnswers = new Map<string, { minute: number; date: IsoDate }>();

export const businessMonthOf = (instant: Date, timeZone: string): IsoMonth => businessDateOf(instant, timeZone).slice(0, 7);

/**
 * The first instant of a business date in the zone (its local midnight): what a
 * filter "from 2024-07-01" means to a user in Beijing is 2024-06-30T16:00Z.
 */
export function startOfBusinessDay(date: IsoDate, timeZone: string): Date {
  const wallMidnight = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  // The zone's offset at the guess, then once more at the corrected instant (a DST change that day moves it).
  const first = wallMidnight - offsetMs(new Date(wallMidnight), timeZone);
  return new Date(wallMidnight - offsetMs(new Date(first), timeZone));
}

/** How far the zone's wall clock is ahead of UTC at the instant. */
function offsetMs(instant: Date, timeZone: string): number {
  const parts = clockFor(timeZone).formatToParts(instant);
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

const clocks = new Map<string, Intl.DateTimeFormat>();
function clockFor(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    const options = {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    } as const;
    clock = new Intl.DateTimeFormat('en-CA', { ...options, calendar: 'gregory', numberingSystem: 'latn' });
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Whether the runtime knows the zone (an IANA name such as Asia/Shanghai). */
export function isTimeZone(value: string): boolean {
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

// Building a formatter costs tens of microseconds; every command asks for its day.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA gives the digits in ISO order; the year is four digits for any year the service stores.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
