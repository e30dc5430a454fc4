import { Logger } from '@nestjs/common';
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import { readFileSync } from 'node:fs';
import { IsoDate } from '../../domain/shared/calendar';
import { STATUTORY_RULES_FROM_YEAR, statutoryHolidays } from '../../domain/shared/statutory-holidays';
import { PublishedDays, WorkingDayCalendar, workingDayCalendar } from '../../domain/shared/working-days';

/**
 * China's working days from the `chinese-days` package (MIT, vsme/chinese-days):
 * its `chinese-days.json` lists each year's public holidays and make-up working
 * days (调休) as the State Council's notices publish them, 2004 to the last year
 * released (1.5.7: 2026, checked against 国务院办公厅关于2026年部分节假日安排的通知
 * of 2025-11-04: National Day 10-01 to 10-07 off, Sun 09-20 and Sat 10-10 worked).
 * The data file is read rather than the package's functions so that the years it
 * covers are known. A year past them falls back to Monday–Friday less the days off
 * the law fixes (statutory-holidays.ts; the Chinese-calendar ones from the package's
 * lunar tables), and the first use of such a year is logged once, so an operator
 * knows to update the package when the next notice is out.
 */
export function chineseDaysCalendar(
  warn: (message: string) => void = (message) => new Logger('WorkingDays').warn(message),
): WorkingDayCalendar {
  const calendar = workingDayCalendar(publishedDays());
  const warned = new Set<string>();
  const noteYear = (date: IsoDate) => {
    const year = date.slice(0, 4);
    if (calendar.coverage(date) === 'published' || warned.has(year)) return;
    warned.add(year);
    const statutory = calendar.coverage(date) === 'statutory';
    warn(
      statutory
        ? `No published holidays for ${year} in chinese-days: working days of ${year} are Monday to Friday less the statutory holidays ` +
            `(全国年节及纪念日放假办法 art. 2), without the notice's bridging and make-up days, until the package is updated ` +
            `/ ${year} 年节假日安排未发布，工作日按周一至周五除去法定节假日计算，调休未计`
        : `No published holidays for ${year} in chinese-days: working days of ${year} are Monday to Friday until the package is updated ` +
            `/ ${year} 年节假日未发布，按周一至周五计算工作日`,
    );
  };
  return {
    isWorkingDay: (date) => {
      noteYear(date);
      return calendar.isWorkingDay(date);
    },
    addWorkingDays: (date, days) => {
      const answer = calendar.addWorkingDays(date, days);
      noteYear(date);
      noteYear(answer);
      return answer;
    },
    coverage: (date) => {
      noteYear(date);
      return calendar.coverage(date);
    },
  };
}

interface ChineseDaysData {
  holidays: Record<IsoDate, string>;
  workdays: Record<IsoDate, string>;
}

let loaded: PublishedDays | undefined;

/** Read once per process: about 2,000 dates. */
export function publishedDays(): PublishedDays {
  if (loaded) return loaded;
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as ChineseDaysData;
  const years = Object.keys(data.holidays).map((date) => Number(date.slice(0, 4)));
  loaded = {
    holidays: new Set(Object.keys(data.holidays)),
    makeUpWorkingDays: new Set(Object.keys(data.workdays)),
    years: { from: Math.min(...years), to: Math.max(...years) },
    statutory: lunarStatutoryHolidays,
  };
  return loaded;
}

/** The package's Chinese calendar runs from 1900 to 2100; past it, a date it gives is not one to trust. */
const LUNAR_TABLES_TO_YEAR = 2100;

/** Art. 2's days off of a year, the Chinese-calendar ones from chinese-days; undefined past its lunar tables. */
export function lunarStatutoryHolidays(year: number): IsoDate[] | undefined {
  // Before the rules there is nothing to work out (statutoryHolidays gives none): no look-up in the tables.
  if (year < STATUTORY_RULES_FROM_YEAR || year > LUNAR_TABLES_TO_YEAR) return undefined;
  const lunar = (monthDay: string) => getSolarDateFromLunar(`${year}-${monthDay}`).date as IsoDate;
  return statutoryHolidays(year, {
    springFestival: lunar('01-01'),
    qingming: getSolarTermDate(year, 4, 'pure_brightness') as IsoDate,
    dragonBoat: lunar('05-05'),
    midAutumn: lunar('08-15'),
  });
}
