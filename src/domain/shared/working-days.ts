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
  /** `published`: the year's holidays and make-up days are known; `weekdays`: they are not, Monday to Friday stand in. */
  coverage(date: IsoDate): WorkingDayCoverage;
}

export type WorkingDayCoverage = 'published' | 'weekdays';

/** A year's published arrangement, as the State Council's notice lists it. */
export interface PublishedDays {
  /** Days off that would otherwise be working days, and holiday weekends (either way: not working). */
  holidays: ReadonlySet<IsoDate>;
  /** Weekend days made working days (调休上班). */
  makeUpWorkingDays: ReadonlySet<IsoDate>;
  /** The years whose arrangement is in the sets (inclusive). */
  years: { from: number; to: number };
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
 * A calendar from published arrangements; outside their years, Monday to Friday.
 * The longest run of non-working days in any year is under two weeks (Spring
 * Festival, National Day), so stepping a day at a time is cheap.
 */
export function workingDayCalendar(published: PublishedDays): WorkingDayCalendar {
  const coverage = (date: IsoDate): WorkingDayCoverage => {
    const year = Number(date.slice(0, 4));
    return year >= published.years.from && year <= published.years.to ? 'published' : 'weekdays';
  };
  const isWorkingDay = (date: IsoDate): boolean => {
    if (coverage(date) === 'weekdays') return isWeekday(date);
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
