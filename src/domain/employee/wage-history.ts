import { IsoDate, IsoMonth } from '../shared/calendar';

/**
 * The contractual monthly wage (约定工资) over time: the hire wage first, then each
 * effective-dated change. Kept sorted by effective date, so the wage in force on
 * a day is the last entry starting on or before it. A flat list (not nested in
 * an employment period) so that a rehire can add entries after a separation.
 */
export interface WageEntry {
  effectiveDate: IsoDate;
  monthlyWage: number;
}

/**
 * The history with `entry` in place. A second entry on the same effective date
 * replaces the first: it corrects what was agreed from that day (the hire wage
 * too, when it is dated on the hire date), as two wages cannot both be in force.
 */
export function withWage(history: readonly WageEntry[], entry: WageEntry): WageEntry[] {
  return [...history.filter((e) => e.effectiveDate !== entry.effectiveDate), entry].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
  );
}

/** The wage in force on `date`, or null before the first entry. */
export function wageOn(history: readonly WageEntry[], date: IsoDate): number | null {
  let wage: number | null = null;
  for (const entry of history) {
    if (entry.effectiveDate > date) break;
    wage = entry.monthlyWage;
  }
  return wage;
}

/**
 * What payroll says was owed (应得工资) for a month: the latest MonthlyPayRecorded
 * for it wins, as each later record corrects the earlier one (the events keep both).
 */
export type MonthlyPay = Record<IsoMonth, number>;

/** Yuan with at most two decimals: what a payslip can hold. */
export const isYuanAmount = (value: number): boolean => Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
