import { ClockedApp, hrApi, startClockedApp } from '../dashboard/clocked-app';
import { eventually } from '../support/http';
import { as } from '../support/tokens';

/**
 * GET /api/offboarding?overdue=true: the open cases with a step past its due date
 * today (the application's clock), each overdue step with its due date and the
 * calendar days since. Shanghai, enterprise_regular, resignation:
 * - O1: last working day 2024-07-20, approved: handover and certificate due 07-20;
 *   transfer-out, termination and archive 08-04 (15 days); housing fund 08-19 (30 days);
 * - O2: last working day 2024-09-30;
 * - O3: completed late (nothing is overdue on a closed case); O4: cancelled.
 */
describe('overdue steps of open cases', () => {
  let t: ClockedApp;
  let api: ReturnType<typeof hrApi>;
  const cases: Record<string, string> = {};
  const overdueList = (query = '') => `/api/offboarding?overdue=true${query}`;
  const steps = (items: Array<{ caseId: string; overdueSteps: Array<{ key: string; dueDate: string; daysOverdue: number }> }>) =>
    items.map((c) => [c.caseId, c.overdueSteps.map((s) => `${s.key} ${s.dueDate} ${s.daysOverdue}`)]);

  beforeAll(async () => {
    t = await startClockedApp();
    api = hrApi(t);
    for (const id of ['O1', 'O2', 'O3', 'O4']) {
      await api.hire('2024-06-01', id);
      await api.enrol('2024-06-01', id, '2020-01');
    }
    cases.O1 = await api.open('2024-07-15', 'O1', 'resignation', '2024-07-20');
    await api.step('2024-07-16', cases.O1, 'approval', {}, as.manager).expect(200);
    cases.O2 = await api.open('2024-07-30', 'O2', 'resignation', '2024-09-30');
    cases.O3 = await api.open('2024-06-20', 'O3', 'resignation', '2024-06-30');
    await api.step('2024-06-20', cases.O3, 'approval', {}, as.manager).expect(200);
    await api.step('2024-06-21', cases.O3, 'handover').expect(200);
    await api.step('2024-07-01', cases.O3, 'si_transfer_out', { action: 'request' }).expect(200);
    await api.step('2024-07-02', cases.O3, 'si_transfer_out', { data: { lastPaidMonth: '2024-06' } }).expect(200);
    for (const key of ['labor_termination', 'termination_certificate', 'housing_fund_transfer', 'archive_transfer'])
      await api.step('2024-07-25', cases.O3, key).expect(200);
    cases.O4 = await api.open('2024-07-01', 'O4', 'resignation', '2024-07-05');
    await api.cancel('2024-07-02', cases.O4);
    t.setToday('2024-08-01');
    // The cancellation is the last event: once the case view shows it, it shows everything before it.
    await eventually(t, `/api/offboarding/${cases.O4}`, as.manager, (c) => c.status === 'cancelled');
  }, 60_000);
  afterAll(() => t.close());

  it('lists each overdue step with its due date and days overdue', async () => {
    const expected = { items: [expect.objectContaining({ caseId: cases.O1, employeeId: 'O1', status: 'open' })] };
    const body = await api.read(overdueList(), as.investigator);
    expect(body).toEqual(expected);
    expect(steps(body.items)).toEqual([[cases.O1, ['handover 2024-07-20 12', 'termination_certificate 2024-07-20 12']]]);
  });

  it('counts the days from the clock, and lists a case once a due date has passed', async () => {
    t.setToday('2024-10-03');
    expect(steps((await api.read(overdueList(), as.manager)).items)).toEqual([
      [cases.O2, ['approval 2024-09-30 3', 'handover 2024-09-30 3', 'termination_certificate 2024-09-30 3']],
      [
        cases.O1,
        [
          'handover 2024-07-20 75',
          'si_transfer_out 2024-08-04 60',
          'housing_fund_transfer 2024-08-19 45',
          'termination_certificate 2024-07-20 75',
          'labor_termination 2024-08-04 60',
          'archive_transfer 2024-08-04 60',
        ],
      ],
    ]);
  });

  it('combines with the other filters, and keeps listing every case without overdue=true', async () => {
    expect((await api.read(overdueList('&employeeId=O2'), as.auditor)).items.map((c: { caseId: string }) => c.caseId)).toEqual([cases.O2]);
    expect((await api.read(overdueList('&status=completed'), as.auditor)).items).toEqual([]);
    const all = (await api.read('/api/offboarding', as.specialist)).items as Array<{ caseId: string; overdueSteps: unknown[] }>;
    expect(all.map((c) => c.caseId).sort()).toEqual(Object.values(cases).sort());
    expect(all.find((c) => c.caseId === cases.O3)!.overdueSteps).toEqual([]);
  });
});
