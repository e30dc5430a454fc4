import { minimumPensionMonths, pensionMinimum } from '../../../src/domain/continuity/pension-minimum';

describe('minimum pension contributions', () => {
  it.each([
    [2011, 180],
    [2029, 180],
    [2030, 186],
    [2031, 192],
    [2035, 216],
    [2038, 234],
    [2039, 240],
    [2040, 240],
    [2100, 240],
  ])('SIL art. 16 and the 2024 reform art. 2: retiring in %i needs %i months', (year, months) => {
    expect(minimumPensionMonths(year)).toBe(months);
  });

  it('SIL art. 16, reform art. 2: 150 months when retiring in 2030 leave 186 − 150 = 36 missing', () => {
    expect(pensionMinimum(2030, 150)).toEqual({ retirementYear: 2030, requiredMonths: 186, cumulativeMonths: 150, missingMonths: 36 });
  });

  it('SIL art. 16: exactly 15 years (180 months) in 2029 meet the minimum; more never goes negative', () => {
    expect(pensionMinimum(2029, 180).missingMonths).toBe(0);
    expect(pensionMinimum(2029, 200).missingMonths).toBe(0);
  });
});
