import { DomainError } from '../../../src/domain/decider';
import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { RegionalParameters, SiReductionRule } from '../../../src/domain/policy/policy';
import { fileBy, lastContributionMonth, parameterInForce, transferOutNotice } from '../../../src/domain/policy/si-reduction';

const parameters = (...rules: Array<[string, SiReductionRule]>): RegionalParameters => ({
  siReduction: rules.map(([effectiveFrom, rule]) => ({ effectiveFrom, rule, source: 'test' })),
  averageMonthlyWage: [],
  minimumMonthlyWage: [],
});
const cutoff = (cutoffDay: number, effect: 'same_month' | 'next_month'): SiReductionRule => ({ kind: 'monthly_cutoff', cutoffDay, effect });
const regional = (region: string) => DEFAULT_POLICIES.find((p) => p.region === region)!.parameters;

const sameMonth15 = parameters(['2011-07-01', cutoff(15, 'same_month')]);
const notice = (lastWorkingDay: string, filingDate: string, params: RegionalParameters = sameMonth15) =>
  transferOutNotice({ lastWorkingDay, filingDate, parameters: params });

describe('parameterInForce', () => {
  const list = [
    { effectiveFrom: '2024-07-01', value: 'b' },
    { effectiveFrom: '2011-07-01', value: 'a' },
    { effectiveFrom: '2025-01-01', value: 'c' },
  ];

  it('takes the latest entry in force on the date, in any order, from its first day', () => {
    expect(parameterInForce(list, '2024-06-30')?.value).toBe('a');
    expect(parameterInForce(list, '2024-07-01')?.value).toBe('b');
    expect(parameterInForce(list, '2024-12-31')?.value).toBe('b');
    expect(parameterInForce(list, '2030-01-01')?.value).toBe('c');
  });

  it('has nothing before the first entry', () => {
    expect(parameterInForce(list, '2011-06-30')).toBeUndefined();
    expect(parameterInForce([], '2024-01-01')).toBeUndefined();
  });
});

describe('lastContributionMonth', () => {
  it('same_month: on or before the cut-off the filing month is not paid; after it, it is', () => {
    expect(lastContributionMonth(cutoff(15, 'same_month'), '2024-06-30', '2024-07-15')).toBe('2024-06');
    expect(lastContributionMonth(cutoff(15, 'same_month'), '2024-06-30', '2024-07-16')).toBe('2024-07');
  });

  it('next_month: on or before the cut-off the filing month is the last paid; after it, the next one', () => {
    expect(lastContributionMonth(cutoff(15, 'next_month'), '2024-06-30', '2024-06-15')).toBe('2024-06');
    expect(lastContributionMonth(cutoff(15, 'next_month'), '2024-06-30', '2024-06-16')).toBe('2024-07');
  });

  it('no_cutoff: the month of the last working day, whenever filed', () => {
    expect(lastContributionMonth({ kind: 'no_cutoff' }, '2024-07-05', '2024-07-01')).toBe('2024-07');
    expect(lastContributionMonth({ kind: 'no_cutoff' }, '2024-07-05', '2024-09-20')).toBe('2024-07');
  });
});

describe('transferOutNotice (same_month, cut-off on the 15th, as shipped for shanghai)', () => {
  it('answers the docs/API.md example: last working day 2024-06-30 in shanghai', () => {
    expect(notice('2024-06-30', '2024-07-01', regional('shanghai'))).toEqual({
      lastContributionMonth: '2024-06',
      fileBy: '2024-07-15',
      warnings: [],
    });
  });

  it('in the next month: on the cut-off day the leaving month is the last paid', () => {
    expect(notice('2024-06-30', '2024-07-15')).toEqual({ lastContributionMonth: '2024-06', fileBy: '2024-07-15', warnings: [] });
  });

  it('in the next month: the day after the cut-off the employer pays an extra month, and the filing is late', () => {
    expect(notice('2024-06-30', '2024-07-16')).toEqual({
      lastContributionMonth: '2024-07',
      fileBy: '2024-07-15',
      warnings: [
        '单位将多缴 1 个月（至 2024-07），期间新单位无法增员。The employer pays 1 month(s) beyond the leaving month (through 2024-07); a new employer cannot enrol the person until then.',
        '晚于劳动合同法第五十条规定的十五日期限（2024-07-15）。Filed after the 15-day limit of Labour Contract Law art. 50 (2024-07-15).',
      ],
    });
  });

  it('in the leaving month on the cut-off day: the leaving month is not paid, a predicted 断缴 with the first safe filing day', () => {
    expect(notice('2024-06-30', '2024-06-15')).toEqual({
      lastContributionMonth: '2024-05',
      fileBy: '2024-07-15',
      warnings: [
        '预计最后缴费月份 2024-05 早于最后工作日所在月份 2024-06，将断缴 1 个月；请于 2024-06-16 或之后申报减员。' +
          'Predicted last paid month 2024-05 is before the month of the last working day (2024-06): 1 month(s) without contributions (断缴). File the reduction on or after 2024-06-16.',
      ],
    });
  });

  it('in the leaving month the day after the cut-off: the leaving month is paid', () => {
    expect(notice('2024-06-30', '2024-06-16')).toEqual({ lastContributionMonth: '2024-06', fileBy: '2024-07-15', warnings: [] });
  });

  it('caps the date to file by at 15 days after the last working day (LCL art. 50), counted from the next day', () => {
    expect(notice('2024-06-10', '2024-06-20')).toEqual({ lastContributionMonth: '2024-06', fileBy: '2024-06-25', warnings: [] });
    expect(notice('2024-06-10', '2024-06-26')).toEqual({
      lastContributionMonth: '2024-06',
      fileBy: '2024-06-25',
      warnings: [
        '晚于劳动合同法第五十条规定的十五日期限（2024-06-25）。Filed after the 15-day limit of Labour Contract Law art. 50 (2024-06-25).',
      ],
    });
  });

  it('a mid-month leaver filing right away before the cut-off gets the 断缴 warning', () => {
    const { lastContributionMonth: month, warnings } = notice('2024-06-10', '2024-06-12');
    expect(month).toBe('2024-05');
    expect(warnings).toEqual([expect.stringContaining('请于 2024-06-16 或之后申报减员')]);
  });

  it('rolls over the year', () => {
    expect(notice('2024-12-31', '2025-01-15')).toEqual({ lastContributionMonth: '2024-12', fileBy: '2025-01-15', warnings: [] });
    expect(notice('2024-12-31', '2025-01-16').lastContributionMonth).toBe('2025-01');
    expect(notice('2024-12-20', '2024-12-10').lastContributionMonth).toBe('2024-11');
  });

  it('February: the 29th of a leap year is after a cut-off on the 28th, and every day is before one on the 30th', () => {
    const sameMonth28 = parameters(['2011-07-01', cutoff(28, 'same_month')]);
    expect(notice('2024-02-29', '2024-02-29', sameMonth28).lastContributionMonth).toBe('2024-02');
    expect(notice('2024-01-31', '2024-02-28', sameMonth28).lastContributionMonth).toBe('2024-01');
    const sameMonth30 = parameters(['2011-07-01', cutoff(30, 'same_month')]);
    expect(notice('2024-02-29', '2024-02-29', sameMonth30).lastContributionMonth).toBe('2024-01');
    expect(fileBy('2024-01-31', cutoff(30, 'same_month'))).toBe('2024-02-15');
  });
});

describe('transferOutNotice (next_month, cut-off at month end, as shipped for xiamen)', () => {
  const xiamen = regional('xiamen');

  it('a filing within the leaving month leaves it the last paid month, to be filed by its last day', () => {
    expect(notice('2024-06-20', '2024-06-30', xiamen)).toEqual({ lastContributionMonth: '2024-06', fileBy: '2024-06-30', warnings: [] });
  });

  it('a filing in the next month costs the employer an extra month', () => {
    const result = notice('2024-06-20', '2024-07-04', xiamen);
    expect(result.lastContributionMonth).toBe('2024-07');
    expect(result.warnings).toEqual([expect.stringContaining('单位将多缴 1 个月')]);
  });

  it('month end in February, leap year or not', () => {
    expect(notice('2024-02-20', '2024-02-29', xiamen)).toMatchObject({ lastContributionMonth: '2024-02', fileBy: '2024-02-29' });
    expect(notice('2023-02-20', '2023-02-28', xiamen)).toMatchObject({ lastContributionMonth: '2023-02', fileBy: '2023-02-28' });
    expect(notice('2023-02-20', '2023-03-01', xiamen).lastContributionMonth).toBe('2023-03');
  });

  it('year end', () => {
    expect(notice('2024-12-31', '2024-12-31', xiamen)).toEqual({ lastContributionMonth: '2024-12', fileBy: '2024-12-31', warnings: [] });
    expect(notice('2024-12-31', '2025-01-05', xiamen).lastContributionMonth).toBe('2025-01');
  });

  it('only a filing a month ahead could leave the leaving month unpaid', () => {
    const { lastContributionMonth: month, warnings } = notice('2024-06-20', '2024-05-31', xiamen);
    expect(month).toBe('2024-05');
    expect(warnings).toEqual([expect.stringContaining('2024-06-01')]);
  });
});

describe('transferOutNotice (shenzhen: the rule in force on the filing date)', () => {
  const shenzhen = regional('shenzhen');

  it('before 2024-07-01 the common cut-off applies: filing by the 15th of the leaving month leaves it unpaid', () => {
    const result = notice('2024-06-05', '2024-06-10', shenzhen);
    expect(result.lastContributionMonth).toBe('2024-05');
    expect(result.warnings).toEqual([expect.stringContaining('断缴')]);
    expect(notice('2024-06-20', '2024-06-30', shenzhen).lastContributionMonth).toBe('2024-06');
  });

  it('from 2024-07-01 there is no cut-off: the leaving employer pays the leaving month', () => {
    expect(notice('2024-07-05', '2024-07-10', shenzhen)).toEqual({ lastContributionMonth: '2024-07', fileBy: '2024-07-20', warnings: [] });
    expect(notice('2024-06-30', '2024-07-02', shenzhen)).toEqual({ lastContributionMonth: '2024-06', fileBy: '2024-07-15', warnings: [] });
  });

  it('the day the new rule takes effect decides a June leaver’s filing', () => {
    expect(notice('2024-06-05', '2024-06-30', shenzhen).lastContributionMonth).toBe('2024-06');
    expect(notice('2024-06-05', '2024-07-01', shenzhen)).toEqual({
      lastContributionMonth: '2024-06',
      fileBy: '2024-06-20',
      warnings: [
        '晚于劳动合同法第五十条规定的十五日期限（2024-06-20）。Filed after the 15-day limit of Labour Contract Law art. 50 (2024-06-20).',
      ],
    });
  });
});

describe('fileBy', () => {
  it('under same_month is the cut-off in the month after the leaving month, capped at 15 days', () => {
    expect(fileBy('2024-06-30', cutoff(10, 'same_month'))).toBe('2024-07-10');
    expect(fileBy('2024-06-30', cutoff(20, 'same_month'))).toBe('2024-07-15');
  });

  it('under next_month is the cut-off in the leaving month', () => {
    expect(fileBy('2024-06-05', cutoff(10, 'next_month'))).toBe('2024-06-10');
  });

  it('without a cut-off, or without a rule, is the statutory 15 days', () => {
    expect(fileBy('2024-12-20', { kind: 'no_cutoff' })).toBe('2025-01-04');
    expect(fileBy('2024-02-20', undefined)).toBe('2024-03-06');
  });
});

it('refuses a notice when no reduction rule is in force on the filing date', () => {
  const later = parameters(['2024-07-01', { kind: 'no_cutoff' }]);
  let thrown: unknown;
  try {
    notice('2024-06-30', '2024-06-30', later);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect(thrown).toMatchObject({ code: 'NO_SI_REDUCTION_RULE', details: { filingDate: '2024-06-30' } });
});
