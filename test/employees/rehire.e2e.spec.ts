import { eventually } from '../support/http';
import { as } from '../support/tokens';
import { ClockedApp, hrApi, startClockedApp } from '../dashboard/clocked-app';
import { hireBody } from '../support/http';

/**
 * A separated person hired again on the same archive (POST /api/employees with
 * the known id): a new employment period, the old one kept; offboarding works
 * again; severance counts from the rehire (docs/LAW.md §1.1).
 */
describe('rehiring a separated employee', () => {
  let t: ClockedApp;
  let api: ReturnType<typeof hrApi>;
  let firstCase: string;
  const post = (body: Record<string, unknown>) => api.http().post('/api/employees').set(as.specialist).send(hireBody(body));

  beforeAll(async () => {
    t = await startClockedApp();
    api = hrApi(t);
    await api.hire('2024-01-02', 'RH1', { hireDate: '2020-01-06' });
    await api.enrol('2024-01-02', 'RH1', '2020-01');
    firstCase = await api.open('2024-06-20', 'RH1', 'dismissal', '2024-06-30');
    const ok = (day: string, key: string, body: Record<string, unknown> = {}, who = as.specialist) =>
      api.step(day, firstCase, key, body, who).expect(200);
    await ok('2024-06-20', 'approval', {}, as.manager);
    await ok('2024-06-21', 'handover');
    await ok('2024-07-01', 'si_transfer_out', { action: 'request' });
    await ok('2024-07-03', 'si_transfer_out', { data: { lastPaidMonth: '2024-06' } });
    for (const key of ['labor_termination', 'termination_certificate', 'housing_fund_transfer', 'archive_transfer', 'severance_payment'])
      await ok('2024-07-05', key);
    await eventually(t, '/api/employees/RH1', as.specialist, (p) => p.status === 'separated' && p.openCaseId === null);
  });
  afterAll(() => t.close());

  it('is refused while the person is employed (EMPLOYEE_EXISTS, as before)', async () => {
    await api.hire('2024-01-02', 'RH0');
    t.setToday('2024-02-01');
    expect((await post({ employeeId: 'RH0', hireDate: '2024-02-01' }).expect(409)).body.code).toBe('EMPLOYEE_EXISTS');
  });

  it('is refused on or before the last termination date', async () => {
    t.setToday('2024-07-10');
    const res = await post({ employeeId: 'RH1', hireDate: '2024-06-30' }).expect(409);
    expect(res.body).toMatchObject({ code: 'REHIRE_BEFORE_TERMINATION', lastTerminationDate: '2024-06-30' });
  });

  it('is refused with another person’s ID number', async () => {
    t.setToday('2025-01-02');
    const res = await post({ employeeId: 'RH1', hireDate: '2025-01-02', idNumber: '110105194912310038' }).expect(409);
    expect(res.body.code).toBe('ID_NUMBER_MISMATCH');
    expect(JSON.stringify(res.body)).not.toMatch(/11010519491231/);
  });

  it('opens a new employment period and keeps the previous one', async () => {
    t.setToday('2025-01-02');
    const res = await post({ employeeId: 'RH1', hireDate: '2025-01-02', orgUnit: 'Sales', position: 'Buyer', monthlyWage: 15000 }).expect(
      201,
    );
    expect(res.body).toMatchObject({
      employeeId: 'RH1',
      stream: 'employee-RH1',
      revision: expect.any(Number),
      position: expect.any(String),
    });
    const profile = await eventually(t, '/api/employees/RH1', as.specialist, (p) => p.status === 'employed');
    expect(profile).toMatchObject({
      status: 'employed',
      hireDate: '2025-01-02',
      orgUnit: 'Sales',
      position: 'Buyer',
      monthlyWage: 15000,
      separation: null,
      name: '张三',
    });
    expect(profile.employmentPeriods).toEqual([
      { hireDate: '2020-01-06', terminationDate: '2024-06-30', caseId: firstCase },
      { hireDate: '2025-01-02' },
    ]);
    await post({ employeeId: 'RH1', hireDate: '2025-02-01' }).expect(409);
  });

  it('shows the rehire on the timeline', async () => {
    const timeline = await eventually(t, '/api/employees/RH1/timeline', as.investigator, (b) =>
      b.items.some((i: { type: string }) => i.type === 'EmployeeRehired'),
    );
    const item = timeline.items.find((i: { type: string }) => i.type === 'EmployeeRehired');
    expect(item.effectiveDate).toBe('2025-01-02');
    expect(JSON.stringify(item.summary)).toMatch(/再次入职|重新入职/);
    expect(JSON.stringify(item.summary)).toMatch(/rehired/);
  });

  it('counts severance from the rehire date', async () => {
    const res = await api.read('/api/employees/RH1/severance?terminationDate=2026-01-01&reason=dismissal', as.manager);
    expect(res.serviceMonths).toBe(12);
    expect(res.compensationMonths).toBe(1);
    expect(res.reviewReasons.join('\n')).not.toMatch(/第十条/);
    expect(res.basis.join('\n')).toMatch(/2025-01-02/);
  });

  it('enrols social insurance again and offboards the new period with a second case', async () => {
    await api.enrol('2025-01-03', 'RH1', '2025-01');
    const second = await api.open('2025-11-20', 'RH1', 'resignation', '2025-11-30');
    expect(second).not.toBe(firstCase);
    const profile = await eventually(t, '/api/employees/RH1', as.specialist, (p) => p.openCaseId === second);
    expect(profile.status).toBe('employed');
    // The first case is closed: its steps cannot be replayed onto the new period.
    expect((await api.step('2025-11-21', firstCase, 'labor_termination').expect(409)).body.code).toBe('CASE_CLOSED');
  });

  it('flags service moved from an earlier employer not of the employee’s own will (Regs art. 10) for manual review', async () => {
    t.setToday('2024-03-01');
    const transfer = { fromEmployer: '上海某集团子公司', since: '2016-03-01', notOfOwnWill: true };
    await post({ employeeId: 'RH2', hireDate: '2024-03-01', priorTransfer: transfer }).expect(201);
    const res = await api.read('/api/employees/RH2/severance?terminationDate=2025-02-28&reason=dismissal', as.manager);
    expect(res.serviceMonths).toBe(12);
    expect(res.manualReview).toBe(true);
    expect(res.reviewReasons.join('\n')).toMatch(/第十条/);
    expect(res.reviewReasons.join('\n')).toMatch(/art\. 10/);
    expect(res.reviewReasons.join('\n')).toMatch(/2016-03-01/);
    const bad = await post({ employeeId: 'RH3', hireDate: '2024-03-01', priorTransfer: { ...transfer, notOfOwnWill: false } }).expect(400);
    expect(bad.body.code).toBe('VALIDATION');
  });
});
