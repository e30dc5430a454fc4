import { FactRow } from '../../src/dashboard/offboarding-facts';
import { MAX_SERIES_MONTHS, monthlyFigures, PeriodFacts, periodFigures } from '../../src/dashboard/period-figures';

const fact = (kind: FactRow['kind'], date: string, extra: Partial<FactRow> = {}): FactRow => ({
  id: `${kind}:${date}:${JSON.stringify(extra)}`,
  kind,
  date,
  caseId: 'K1',
  orgUnit: null,
  region: 'shanghai',
  category: 'enterprise_regular',
  ...extra,
});

const facts: PeriodFacts = {
  opened: ['2024-01-31', '2024-02-01', '2024-03-15'],
  cancelled: ['2024-03-20'],
  completed: [
    fact('completed', '2024-01-10', { daysToComplete: 20, onTime: true }),
    fact('completed', '2024-03-01', { daysToComplete: 10, onTime: false }),
    fact('completed', '2024-03-31', { daysToComplete: 30, onTime: null }),
  ],
  filings: [fact('filing', '2024-01-05', { outcome: 'rejected' }), fact('filing', '2024-01-20', { outcome: 'completed' })],
  laborFilings: [fact('labor_filing', '2024-03-02', { outcome: 'completed' })],
  overrides: [fact('override', '2024-02-29', { step: 'labor_termination' })],
  blocked: [
    { step: 'approval', day: '2024-01-01' },
    { step: 'labor_termination', day: '2024-03-31' },
  ],
};

describe('the dashboard figures of a period and month by month', () => {
  it('puts each fact in the month of its own date; a month without facts has zeros and nulls', () => {
    const months = monthlyFigures('2024-01-01', '2024-04-30', facts)!;
    expect(months.map((m) => m.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(months[0]).toEqual({
      month: '2024-01',
      casesOpened: 1,
      casesCompleted: 1,
      casesCancelled: 0,
      onTimeRate: 1,
      siTransferSuccessRate: 0.5,
      laborTerminationFilingSuccessRate: null,
      filingRejections: { siTransferOut: 1, laborTermination: 0 },
      averageDaysToComplete: 20,
      medianDaysToComplete: 20,
      blockedAttempts: { total: 1, byStep: { approval: 1 } },
      overrides: { total: 0, byStep: {} },
    });
    expect(months[1]).toMatchObject({ casesOpened: 1, casesCompleted: 0, overrides: { total: 1, byStep: { labor_termination: 1 } } });
    // An unjudged completion counts in the days, not in the on-time rate.
    expect(months[2]).toMatchObject({ casesCompleted: 2, onTimeRate: 0, averageDaysToComplete: 20, laborTerminationFilingSuccessRate: 1 });
    expect(months[3]).toEqual({
      ...periodFigures({ ...facts, opened: [], cancelled: [], completed: [], filings: [], laborFilings: [], overrides: [], blocked: [] }),
      month: '2024-04',
    });
  });

  it('adds up to the whole period', () => {
    const whole = periodFigures(facts);
    const months = monthlyFigures('2024-01-01', '2024-03-31', facts)!;
    for (const key of ['casesOpened', 'casesCompleted', 'casesCancelled'] as const) {
      expect(months.reduce((sum, m) => sum + m[key], 0)).toBe(whole[key]);
    }
    expect(months.reduce((sum, m) => sum + m.blockedAttempts.total, 0)).toBe(whole.blockedAttempts.total);
    expect(whole).toMatchObject({ casesOpened: 3, onTimeRate: 0.5, siTransferSuccessRate: 0.5, medianDaysToComplete: 20 });
  });

  it('spans the months the range touches, across a year end, and none beyond the limit', () => {
    expect(monthlyFigures('2023-12-31', '2024-01-01', facts)!.map((m) => m.month)).toEqual(['2023-12', '2024-01']);
    expect(monthlyFigures('2024-05-05', '2024-05-05', facts)!.map((m) => m.month)).toEqual(['2024-05']);
    expect(monthlyFigures('2015-01-01', '2024-12-31', facts)).toHaveLength(MAX_SERIES_MONTHS);
    expect(monthlyFigures('2014-12-31', '2024-12-31', facts)).toBeNull();
  });
});
