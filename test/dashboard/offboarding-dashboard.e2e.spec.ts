import { as } from '../support/tokens';
import { ClockedApp, hrApi, settled, startClockedApp } from './clocked-app';

/**
 * Five real cases walked through the API, each command on the day the clock says;
 * the range is 2024-06-01..2024-07-31.
 * - E (Finance): opened 05-15 (before the range), transfers on time, completed 06-25 (41 days); a refusal on 05-16 (before the range).
 * - A (Finance): opened 06-20; filing rejected 07-03, completed 07-05; a refusal on 07-02; archive on the 15th day: on time; completed 07-20 (30 days).
 * - B (Finance): opened 07-01; a refusal on 07-01 (approval by a specialist); an override on 07-12; archive on the 16th day: late; completed 07-26 (25 days).
 * - C (Sales, beijing, enterprise_contract): opened 07-05; a refusal on 07-06; cancelled 07-08.
 * - D (Sales): opened 07-10, approved, filed 07-11 and unanswered: open; a refusal on 08-02 (after the range).
 */
describe('GET /api/dashboard/offboarding', () => {
  let t: ClockedApp;
  let api: ReturnType<typeof hrApi>;
  const url = (query: string) => `/api/dashboard/offboarding?${query}`;
  const RANGE = 'from=2024-06-01&to=2024-07-31';
  const none = { total: 0, byStep: {} };
  /** The range's two months: each figure by its own date, as the totals. */
  const JUNE = {
    month: '2024-06',
    casesOpened: 1,
    casesCompleted: 1,
    casesCancelled: 0,
    onTimeRate: 1,
    siTransferSuccessRate: 1,
    laborTerminationFilingSuccessRate: 1,
    filingRejections: { siTransferOut: 0, laborTermination: 0 },
    averageDaysToComplete: 41,
    medianDaysToComplete: 41,
    blockedAttempts: none,
    overrides: none,
  };
  const JULY = {
    month: '2024-07',
    casesOpened: 3,
    casesCompleted: 2,
    casesCancelled: 1,
    onTimeRate: 0.5,
    siTransferSuccessRate: 0.6667,
    laborTerminationFilingSuccessRate: 1,
    filingRejections: { siTransferOut: 1, laborTermination: 0 },
    averageDaysToComplete: 27.5,
    medianDaysToComplete: 27.5,
    blockedAttempts: { total: 3, byStep: { approval: 1, labor_termination: 2 } },
    overrides: { total: 1, byStep: { labor_termination: 1 } },
  };

  beforeAll(async () => {
    t = await startClockedApp();
    api = hrApi(t);
    const people: Array<[string, string, string, string]> = [
      ['E1', 'Finance', 'shanghai', 'enterprise_regular'],
      ['E2', 'Finance', 'shanghai', 'enterprise_regular'],
      ['E3', 'Sales', 'beijing', 'enterprise_contract'],
      ['E4', 'Sales', 'shanghai', 'enterprise_regular'],
      ['E5', 'Finance', 'shanghai', 'enterprise_regular'],
    ];
    for (const [employeeId, orgUnit, region, category] of people) {
      await api.hire('2024-01-02', employeeId, { orgUnit, region, category });
      await api.enrol('2024-01-02', employeeId, '2020-01');
    }
    const ok = async (day: string, caseId: string, key: string, body: Record<string, unknown> = {}, who = as.specialist) =>
      api.step(day, caseId, key, body, who).expect(200);

    const e = await api.open('2024-05-15', 'E5', 'resignation', '2024-05-31');
    await api.step('2024-05-16', e, 'labor_termination').expect(409);
    await ok('2024-05-16', e, 'approval', {}, as.manager);
    await ok('2024-05-20', e, 'handover');
    await ok('2024-06-01', e, 'si_transfer_out', { action: 'request' });
    await ok('2024-06-05', e, 'si_transfer_out', { data: { lastPaidMonth: '2024-05' } });
    for (const key of ['labor_termination', 'termination_certificate']) await ok('2024-06-05', e, key);
    await ok('2024-06-10', e, 'archive_transfer');
    await ok('2024-06-25', e, 'housing_fund_transfer');

    const a = await api.open('2024-06-20', 'E1', 'dismissal', '2024-06-30');
    await ok('2024-06-20', a, 'approval', {}, as.manager);
    await ok('2024-06-21', a, 'handover');
    await ok('2024-07-01', a, 'si_transfer_out', { action: 'request' });
    expect((await api.step('2024-07-02', a, 'labor_termination').expect(409)).body.code).toBe('STEP_LOCKED');
    await ok('2024-07-03', a, 'si_transfer_out', { action: 'reject', note: '材料不全 / documents incomplete' });
    await ok('2024-07-04', a, 'si_transfer_out', { action: 'request' });
    await ok('2024-07-05', a, 'si_transfer_out', { data: { lastPaidMonth: '2024-06' } });
    for (const key of ['labor_termination', 'termination_certificate', 'housing_fund_transfer']) await ok('2024-07-06', a, key);
    await ok('2024-07-15', a, 'archive_transfer');
    await ok('2024-07-20', a, 'severance_payment');

    const b = await api.open('2024-07-01', 'E2', 'resignation', '2024-07-10');
    expect((await api.step('2024-07-01', b, 'approval').expect(403)).body.code).toBe('ROLE_REQUIRED');
    await ok('2024-07-01', b, 'approval', {}, as.manager);
    await ok('2024-07-11', b, 'si_transfer_out', { action: 'request' });
    await ok('2024-07-12', b, 'si_transfer_out', { data: { lastPaidMonth: '2024-07' } });
    await ok('2024-07-12', b, 'labor_termination', { override: { reason: 'Handover signed off by phone' } }, as.manager);
    for (const key of ['handover', 'termination_certificate', 'housing_fund_transfer']) await ok('2024-07-12', b, key);
    await ok('2024-07-26', b, 'archive_transfer');

    const c = await api.open('2024-07-05', 'E3', 'resignation', '2024-07-31');
    await api.step('2024-07-06', c, 'labor_termination').expect(409);
    await api.cancel('2024-07-08', c);

    const d = await api.open('2024-07-10', 'E4', 'dismissal', '2024-08-15');
    await ok('2024-07-10', d, 'approval', {}, as.manager);
    await ok('2024-07-11', d, 'si_transfer_out', { action: 'request' });
    await api.step('2024-08-02', d, 'labor_termination').expect(409);
  }, 60_000);
  afterAll(() => t.close());

  it('answers every figure for the range', async () => {
    const expected = {
      filters: { from: '2024-06-01', to: '2024-07-31', orgUnit: null, region: null, category: null },
      casesOpened: 4,
      casesCompleted: 3,
      casesCancelled: 1,
      onTimeRate: 0.6667,
      siTransferSuccessRate: 0.75,
      laborTerminationFilingSuccessRate: 1,
      filingRejections: { siTransferOut: 1, laborTermination: 0 },
      averageDaysToComplete: 32,
      medianDaysToComplete: 30,
      blockedAttempts: { total: 3, byStep: { approval: 1, labor_termination: 2 } },
      overrides: { total: 1, byStep: { labor_termination: 1 } },
      openByStep: { handover: 1, housing_fund_transfer: 1, si_transfer_out: 1, termination_certificate: 1 },
      byMonth: [JUNE, JULY],
    };
    expect(await settled(t, url(RANGE), as.manager, expected)).toEqual(expected);
  });

  it('filters by region (and the blocked attempts through their case)', async () => {
    expect(await api.read(url(`${RANGE}&region=beijing`), as.auditor)).toEqual({
      filters: { from: '2024-06-01', to: '2024-07-31', orgUnit: null, region: 'beijing', category: null },
      casesOpened: 1,
      casesCompleted: 0,
      casesCancelled: 1,
      onTimeRate: null,
      siTransferSuccessRate: null,
      laborTerminationFilingSuccessRate: null,
      filingRejections: { siTransferOut: 0, laborTermination: 0 },
      averageDaysToComplete: null,
      medianDaysToComplete: null,
      blockedAttempts: { total: 1, byStep: { labor_termination: 1 } },
      overrides: none,
      openByStep: {},
      byMonth: expect.any(Array),
    });
  });

  it('filters by org unit: a case counts where it was opened, its completion in the range even if it opened before', async () => {
    expect(await api.read(url(`${RANGE}&orgUnit=Finance`), as.investigator)).toEqual({
      filters: { from: '2024-06-01', to: '2024-07-31', orgUnit: 'Finance', region: null, category: null },
      casesOpened: 2,
      casesCompleted: 3,
      casesCancelled: 0,
      onTimeRate: 0.6667,
      siTransferSuccessRate: 0.75,
      laborTerminationFilingSuccessRate: 1,
      filingRejections: { siTransferOut: 1, laborTermination: 0 },
      averageDaysToComplete: 32,
      medianDaysToComplete: 30,
      blockedAttempts: { total: 2, byStep: { approval: 1, labor_termination: 1 } },
      overrides: { total: 1, byStep: { labor_termination: 1 } },
      openByStep: {},
      byMonth: expect.any(Array),
    });
  });

  it('combines org unit, region and category', async () => {
    expect(await api.read(url(`${RANGE}&orgUnit=Sales&region=shanghai&category=enterprise_regular`), as.admin)).toEqual({
      filters: { from: '2024-06-01', to: '2024-07-31', orgUnit: 'Sales', region: 'shanghai', category: 'enterprise_regular' },
      casesOpened: 1,
      casesCompleted: 0,
      casesCancelled: 0,
      onTimeRate: null,
      siTransferSuccessRate: null,
      laborTerminationFilingSuccessRate: null,
      filingRejections: { siTransferOut: 0, laborTermination: 0 },
      averageDaysToComplete: null,
      medianDaysToComplete: null,
      blockedAttempts: none,
      overrides: none,
      openByStep: { handover: 1, housing_fund_transfer: 1, si_transfer_out: 1, termination_certificate: 1 },
      byMonth: expect.any(Array),
    });
    expect(await api.read(url(`${RANGE}&category=enterprise_contract`), as.admin)).toMatchObject({
      casesOpened: 1,
      casesCancelled: 1,
      blockedAttempts: { total: 1 },
    });
  });

  it('includes both ends of the range, each figure by its own date', async () => {
    expect(await api.read(url('from=2024-07-20&to=2024-07-26'), as.manager)).toEqual({
      filters: { from: '2024-07-20', to: '2024-07-26', orgUnit: null, region: null, category: null },
      casesOpened: 0,
      casesCompleted: 2,
      casesCancelled: 0,
      onTimeRate: 0.5,
      siTransferSuccessRate: null,
      laborTerminationFilingSuccessRate: null,
      filingRejections: { siTransferOut: 0, laborTermination: 0 },
      averageDaysToComplete: 27.5,
      medianDaysToComplete: 27.5,
      blockedAttempts: none,
      overrides: none,
      openByStep: {},
      byMonth: expect.any(Array),
    });
    expect(await api.read(url('from=2024-05-01&to=2024-05-31'), as.manager)).toMatchObject({
      casesOpened: 1,
      casesCompleted: 0,
      blockedAttempts: { total: 1, byStep: { labor_termination: 1 } },
    });
    expect(await api.read(url('from=2024-08-02&to=2024-08-02'), as.manager)).toMatchObject({
      casesOpened: 0,
      blockedAttempts: { total: 1, byStep: { labor_termination: 1 } },
    });
  });

  it('gives the figures month by month, each month cut at the range’s ends, filtered as the totals', async () => {
    const zero = { ...JUNE, casesOpened: 0, casesCompleted: 0, onTimeRate: null, siTransferSuccessRate: null };
    const empty = {
      ...zero,
      laborTerminationFilingSuccessRate: null,
      averageDaysToComplete: null,
      medianDaysToComplete: null,
    };
    // 2024-06-25..2024-08-05: June holds E's completion only (its filing and 退工 were on 06-05), August one refusal.
    expect((await api.read(url('from=2024-06-25&to=2024-08-05'), as.manager)).byMonth).toEqual([
      { ...empty, casesCompleted: 1, onTimeRate: 1, averageDaysToComplete: 41, medianDaysToComplete: 41 },
      JULY,
      { ...empty, month: '2024-08', blockedAttempts: { total: 1, byStep: { labor_termination: 1 } } },
    ]);
    expect((await api.read(url(`${RANGE}&region=beijing`), as.manager)).byMonth).toEqual([
      { ...empty },
      {
        ...empty,
        month: '2024-07',
        casesOpened: 1,
        casesCancelled: 1,
        blockedAttempts: { total: 1, byStep: { labor_termination: 1 } },
      },
    ]);
    // One day is one month; ten years of months are answered, a longer range has no series.
    expect((await api.read(url('from=2024-07-12&to=2024-07-12'), as.manager)).byMonth).toEqual([
      expect.objectContaining({ month: '2024-07', overrides: { total: 1, byStep: { labor_termination: 1 } } }),
    ]);
    expect((await api.read(url('from=2015-01-01&to=2024-12-31'), as.manager)).byMonth).toHaveLength(120);
    expect((await api.read(url('from=2014-12-31&to=2024-12-31'), as.manager)).byMonth).toBeNull();
  });

  it('answers 400 listing every bad parameter', async () => {
    const fields = async (query: string) =>
      (await api.http().get(url(query)).set(as.manager).expect(400)).body.errors.map((e: { field: string }) => e.field).sort();
    expect(await fields('')).toEqual(['from', 'to']);
    expect(await fields('from=2024-02-30&to=2024-13-01')).toEqual(['from', 'to']);
    expect(await fields('from=2024-07-01&to=2024-06-30')).toEqual(['to']);
    expect(await fields(`${RANGE}&region=Shang Hai&category=contractor&orgUnit=`)).toEqual(['category', 'orgUnit', 'region']);
    expect(await fields(`${RANGE}&colour=blue`)).toEqual(['colour']);
  });

  it('answers 401 without a token and 403 for an hr_specialist', async () => {
    await api.http().get(url(RANGE)).expect(401);
    expect((await api.http().get(url(RANGE)).set(as.specialist).expect(403)).body.code).toBe('FORBIDDEN');
  });
});
