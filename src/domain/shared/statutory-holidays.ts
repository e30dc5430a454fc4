import { addDays, IsoDate } from './calendar';

/**
 * The days every citizen has off by law (全国年节及纪念日放假办法 art. 2, as amended by
 * the State Council's decision of 2024-11-10, in force from 2025-01-01):
 * 元旦 1 day (1 January); 春节 4 days (农历除夕, 正月初一至初三); 清明节 1 day (the
 * day of the 清明 solar term); 劳动节 2 days (1 and 2 May); 端午节 1 day (农历五月初五);
 * 中秋节 1 day (农历八月十五); 国庆节 3 days (1 to 3 October).
 *
 * They are known years ahead; the State Council's yearly notice adds to them (bridging
 * days, the weekday given in place of a holiday on a weekend: art. 6) and moves
 * weekend days to working days (调休). So for a year whose notice is not out, these
 * days are certain days off, and the rest is not known.
 */
export const STATUTORY_RULES_FROM_YEAR = 2025;

/** The Gregorian dates, in one year, of the holidays art. 2 fixes by the Chinese calendar. */
export interface LunarHolidayDates {
  /** 正月初一 of the lunar year that begins in this Gregorian year (21 January to 20 February). */
  springFestival: IsoDate;
  /** The day of the 清明 solar term (4 or 5 April). */
  qingming: IsoDate;
  /** 农历五月初五 (the ordinary fifth month, not a leap one). */
  dragonBoat: IsoDate;
  /** 农历八月十五 (the ordinary eighth month). */
  midAutumn: IsoDate;
}

/** Art. 2's days off of `year`, in date order; empty before the amended rules were in force. */
export function statutoryHolidays(year: number, lunar: LunarHolidayDates): IsoDate[] {
  if (year < STATUTORY_RULES_FROM_YEAR) return [];
  const y = String(year).padStart(4, '0');
  const { springFestival, qingming, dragonBoat, midAutumn } = lunar;
  for (const date of Object.values(lunar)) {
    if (date.slice(0, 4) !== y) throw new RangeError(`${date} is not in ${y}: the lunar holidays must be of the same year`);
  }
  const days = [
    `${y}-01-01`,
    addDays(springFestival, -1), // 除夕: the eve is the last day of the old lunar year.
    springFestival,
    addDays(springFestival, 1),
    addDays(springFestival, 2),
    qingming,
    `${y}-05-01`,
    `${y}-05-02`,
    dragonBoat,
    midAutumn,
    `${y}-10-01`,
    `${y}-10-02`,
    `${y}-10-03`,
  ];
  return [...new Set(days)].sort();
}
