/**
 * Minimum cumulative pension contributions for a monthly pension (SIL art. 16:
 * 累计缴费满十五年), raised by the 2024 retirement reform (State Council measures
 * on gradually raising the retirement age, art. 2): 15 years until 2029, then 6
 * months more each year from 2030-01-01 until 20 years (2039 on). docs/LAW.md §1.4.
 */
const BASE_MONTHS = 180;
const STEP_MONTHS = 6;
const LAST_YEAR_BEFORE_RISE = 2029;
const STEPS = 10;

/** minMonths(year) = 180 + 6·clamp(year − 2029, 0, 10): 2029 → 180, 2030 → 186, 2031 → 192, 2039 and later → 240. */
export function minimumPensionMonths(retirementYear: number): number {
  const steps = Math.min(Math.max(retirementYear - LAST_YEAR_BEFORE_RISE, 0), STEPS);
  return BASE_MONTHS + STEP_MONTHS * steps;
}

export interface PensionMinimum {
  retirementYear: number;
  requiredMonths: number;
  /**
   * Covered pension months on this account. Years with earlier employers are summed
   * by the bureau (SIL art. 19) but are not in this ledger, so missingMonths is an upper bound.
   */
  cumulativeMonths: number;
  missingMonths: number;
}

export function pensionMinimum(retirementYear: number, cumulativeMonths: number): PensionMinimum {
  const requiredMonths = minimumPensionMonths(retirementYear);
  return { retirementYear, requiredMonths, cumulativeMonths, missingMonths: Math.max(0, requiredMonths - cumulativeMonths) };
}
