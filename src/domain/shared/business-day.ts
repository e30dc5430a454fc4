import { IsoDate, IsoMonth } from './calendar';

/**
 * The business date of an instant: the calendar day on the wall clocks of the
 * given time zone. Deadlines in Chinese law count China's days (LCL art. 50's
 * fifteen days, the 15th of the month for 减员): 07:30 on the 16th in Beijing is
 * 23:30 on the 15th in UTC, and must count as the 16th. Pure: the instant and
 * the zone come in; the zone database is the runtime's (Intl, ICU).
 */
export function businessDateOf(instant: Date, timeZone: string): IsoDate {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

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
