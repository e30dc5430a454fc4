import { addMonths, IsoDate, IsoMonth, monthOf, monthsBetween } from '../domain/shared/calendar';
import { average, median, rate, tally } from './figures';
import { FactRow } from './offboarding-facts';

/**
 * The dashboard's figures from the rows the read store answered, for the whole range and
 * month by month: pure (no I/O, no clock), so that the same function gives the totals and
 * the trend, and a month's figures add up to the range's.
 */

/** Filings the authorities returned: transfer-outs (退单) and 退工 filings (驳回). */
export interface FilingRejections {
  siTransferOut: number;
  laborTermination: number;
}

export interface Breakdown {
  total: number;
  byStep: Record<string, number>;
}

/** A refused step command: the step it was about, and the UTC day it was recorded. */
export interface BlockedAttempt {
  step: string;
  day: IsoDate;
}

/** The dated facts of a range (or of one month of it), each kind by its own date (offboarding-facts.ts). */
export interface PeriodFacts {
  /** Days the cases were opened and cancelled: only counted. */
  opened: IsoDate[];
  cancelled: IsoDate[];
  completed: FactRow[];
  filings: FactRow[];
  laborFilings: FactRow[];
  overrides: FactRow[];
  blocked: BlockedAttempt[];
}

export interface PeriodFigures {
  casesOpened: number;
  casesCompleted: number;
  casesCancelled: number;
  onTimeRate: number | null;
  siTransferSuccessRate: number | null;
  laborTerminationFilingSuccessRate: number | null;
  filingRejections: FilingRejections;
  averageDaysToComplete: number | null;
  medianDaysToComplete: number | null;
  blockedAttempts: Breakdown;
  overrides: Breakdown;
}

/** One month of the range: its figures, each population cut at the range's ends. */
export interface MonthFigures extends PeriodFigures {
  month: IsoMonth;
}

const breakdown = (steps: string[]): Breakdown => ({ total: steps.length, byStep: tally(steps) });

export function periodFigures(facts: PeriodFacts): PeriodFigures {
  const { completed, filings, laborFilings } = facts;
  const judged = completed.filter((r) => r.onTime !== null && r.onTime !== undefined);
  const days = completed.map((r) => r.daysToComplete ?? 0);
  return {
    casesOpened: facts.opened.length,
    casesCompleted: completed.length,
    casesCancelled: facts.cancelled.length,
    onTimeRate: rate(judged.filter((r) => r.onTime).length, judged.length),
    siTransferSuccessRate: rate(filings.filter((r) => r.outcome === 'completed').length, filings.length),
    laborTerminationFilingSuccessRate: rate(laborFilings.filter((r) => r.outcome === 'completed').length, laborFilings.length),
    filingRejections: {
      siTransferOut: filings.filter((r) => r.outcome === 'rejected').length,
      laborTermination: laborFilings.filter((r) => r.outcome === 'rejected').length,
    },
    averageDaysToComplete: average(days),
    medianDaysToComplete: median(days),
    blockedAttempts: breakdown(facts.blocked.map((b) => b.step)),
    overrides: breakdown(facts.overrides.map((r) => r.step ?? 'unknown')),
  };
}

/** The longest series answered: ten years of months. A longer range has no series (null), so that an answer stays small. */
export const MAX_SERIES_MONTHS = 120;

/**
 * Every month the range touches, in order, each with its figures (a month without a fact has
 * zeros and nulls); null when the range touches more than MAX_SERIES_MONTHS months.
 */
export function monthlyFigures(from: IsoDate, to: IsoDate, facts: PeriodFacts): MonthFigures[] | null {
  if (monthsBetween(monthOf(from), monthOf(to)) + 1 > MAX_SERIES_MONTHS) return null;
  const months: IsoMonth[] = [];
  for (let month = monthOf(from); month <= monthOf(to); month = addMonths(month, 1)) months.push(month);
  const inMonth = <T>(items: T[], dayOf: (item: T) => IsoDate) => {
    const byMonth = new Map<IsoMonth, T[]>(months.map((m) => [m, []]));
    for (const item of items) byMonth.get(monthOf(dayOf(item)))?.push(item);
    return byMonth;
  };
  const row = (r: FactRow) => r.date;
  const opened = inMonth(facts.opened, (d) => d);
  const cancelled = inMonth(facts.cancelled, (d) => d);
  const completed = inMonth(facts.completed, row);
  const filings = inMonth(facts.filings, row);
  const laborFilings = inMonth(facts.laborFilings, row);
  const overrides = inMonth(facts.overrides, row);
  const blocked = inMonth(facts.blocked, (b) => b.day);
  return months.map((month) => ({
    month,
    ...periodFigures({
      opened: opened.get(month)!,
      cancelled: cancelled.get(month)!,
      completed: completed.get(month)!,
      filings: filings.get(month)!,
      laborFilings: laborFilings.get(month)!,
      overrides: overrides.get(month)!,
      blocked: blocked.get(month)!,
    }),
  }));
}
