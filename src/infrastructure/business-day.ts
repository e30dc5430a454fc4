import { businessDateOf, businessMonthOf, startOfBusinessDay } from '../domain/shared/business-day';
import { IsoDate, IsoMonth } from '../domain/shared/calendar';

/**
 * The service's one answer to "what day is it": the business date and month of
 * an instant in the configured zone (BUSINESS_TIME_ZONE, Asia/Shanghai unless
 * configured). Commands, deadlines, audit stream names, reports and the CLIs all
 * ask here, never `toISOString().slice(…)`, which gives the UTC date.
 * Process-wide, like the TZ variable: set once from the configuration at start-up
 * (loadConfig, and the projection worker from the configuration it is given).
 */
export const DEFAULT_BUSINESS_TIME_ZONE = 'Asia/Shanghai';
let zone = DEFAULT_BUSINESS_TIME_ZONE;

export function useBusinessTimeZone(timeZone: string): void {
  zone = timeZone;
}

export const businessTimeZone = (): string => zone;
export const businessDate = (instant: Date): IsoDate => businessDateOf(instant, zone);
export const businessMonth = (instant: Date): IsoMonth => businessMonthOf(instant, zone);
/** The instant a business date begins, for filters on recorded instants. */
export const businessDayStart = (date: IsoDate): Date => startOfBusinessDay(date, zone);
