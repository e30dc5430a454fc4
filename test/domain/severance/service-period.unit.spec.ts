import { compensationYears, servicePeriod } from '../../../src/domain/severance/service-period';

describe('service period (docs/LAW.md §1.1 decision: hire date through termination date inclusive, whole months)', () => {
  it('counts 2020-01-06..2024-01-05 as exactly 48 months', () => {
    expect(servicePeriod('2020-01-06', '2024-01-05')).toEqual({ months: 48, extraDays: 0 });
  });

  it('drops the days after the last whole month: 2024-01-01..2024-06-29 is 5 months and 29 days', () => {
    expect(servicePeriod('2024-01-01', '2024-06-29')).toEqual({ months: 5, extraDays: 29 });
    expect(servicePeriod('2024-01-01', '2024-06-30')).toEqual({ months: 6, extraDays: 0 });
  });

  it('counts the hire day itself as one day of service', () => {
    expect(servicePeriod('2024-03-15', '2024-03-15')).toEqual({ months: 0, extraDays: 1 });
  });

  it('ends a month without the hire day on the month’s last day (Civil Code art. 202): 2020-01-31..2020-02-28 is one month', () => {
    expect(servicePeriod('2020-01-31', '2020-02-28')).toEqual({ months: 1, extraDays: 0 });
    expect(servicePeriod('2020-01-31', '2020-02-27')).toEqual({ months: 0, extraDays: 28 });
    expect(servicePeriod('2020-01-31', '2020-03-30')).toEqual({ months: 2, extraDays: 0 });
  });
});

describe('compensationYears (LCL art. 47 para. 1)', () => {
  it.each([
    [0, 0],
    [1, 0.5],
    [5, 0.5],
    [6, 1],
    [11, 1],
    [12, 1],
    [29, 2.5],
    [30, 3],
    [180, 15],
  ])('%i months of service → %d months of wage', (months, years) => {
    expect(compensationYears(months)).toBe(years);
  });
});
