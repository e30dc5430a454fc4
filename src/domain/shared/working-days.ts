import { addDays, IsoDate } from './calendar';

/**
 * China's working days (工作日): Monday to Friday, except the public holidays the
 * State Council publishes each year (放假), plus the weekend days it makes working
 * days in exchange (调休上班). The notice for a year comes out in November of the
 * year before, so a calendar knows some years and not others: `coverage` says
 * which, so that a caller computing a date in a year nobody has published can say
 * "weekdays used" instead of pretending to know.
 */
export interface WorkingDayCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /**
   * `days` working days after `date` (before it when negative), not counting `date`
   * itself; 0 answers `date` when it is a working day, else the next working day.
   */
  addWorkingDays(date: IsoDate, days: number): IsoDate;
  /**
   * `published`: the year's holidays and make-up days are known; `statutory`: the year's notice is not out, so
   * Monday to Friday less the days off the law fixes (statutory-holidays.ts) stand in; `weekdays`: not even those
   * are known, Monday to Friday stand in.
   */
  coverage(date: IsoDate): WorkingDayCoverage;
}

export type WorkingDayCoverage = 'published' | 'statutory' | 'weekdays';

/** A year's published arrangement, as the State Council's notice lists it. */
export interface PublishedDays {
  /** Days off that would otherwise be working days, and holiday weekends (either way: not working). */
  holidays: ReadonlySet<IsoDate>;
  /** Weekend days made working days (调休上班). */
  makeUpWorkingDays: ReadonlySet<IsoDate>;
  /** The years whose arrangement is in the sets (inclusive). */
  years: { from: number; to: number };
  /** A year's statutory days off (statutory-holidays.ts), for the years outside `years`; undefined where not known. */
  statutory?: (year: number) => readonly IsoDate[] | undefined;
}

/** 0 Sunday … 6 Saturday, of a calendar date (no time zone: the date is already China's). */
export function weekdayOf(date: IsoDate): number {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay();
}

const isWeekday = (date: IsoDate) => {
  const day = weekdayOf(date);
  return day !== 0 && day !== 6;
};

/**
 * A calendar from published arrangements; outside their years, Monday to Friday
 * less the statutory days off where they are known. The longest run of non-working
 * days in any year is under two weeks (Spring Festival, National Day), so stepping
 * a day at a time is cheap.
 */
export function workingDayCalendar(published: PublishedDays): WorkingDayCalendar {
  const statutoryOf = new Map<number, ReadonlySet<IsoDate> | null>();
  const statutory = (year: number): ReadonlySet<IsoDate> | null => {
    let days = statutoryOf.get(year);
    if (days === undefined) {
      const known = published.statutory?.(year);
      days = known && known.length > 0 ? new Set(known) : null;
      statutoryOf.set(year, days);
    }
    return days;
  };
  const isPublished = (year: number) => year >= published.years.from && year <= published.years.to;
  const coverage = (date: IsoDate): WorkingDayCoverage => {
    const year = Number(date.slice(0, 4));
    if (isPublished(year)) return 'published';
    return statutory(year) ? 'statutory' : 'weekdays';
  };
  const isWorkingDay = (date: IsoDate): boolean => {
    const year = Number(date.slice(0, 4));
    if (!isPublished(year)) return isWeekday(date) && !statutory(year)?.has(date);
    if (published.makeUpWorkingDays.has(date)) return true;
    return isWeekday(date) && !published.holidays.has(date);
  };
  const addWorkingDays = (date: IsoDate, days: number): IsoDate => {
    let day = date;
    if (days === 0) {
      while (!isWorkingDay(day)) day = addDays(day, 1);
      return day;
    }
    const step = days > 0 ? 1 : -1;
    for (let left = Math.abs(days); left > 0;) {
      day = addDays(day, step);
      if (isWorkingDay(day)) left -= 1;
    }
    return day;
  };
  return { isWorkingDay, addWorkingDays, coverage };
}

/** Monday to Friday, every year: what a year outside the published data falls back to, and tests without holidays. */
export const weekdaysOnly: WorkingDayCalendar = workingDayCalendar({
  holidays: new Set(),
  makeUpWorkingDays: new Set(),
  years: { from: 1, to: 0 },
});
