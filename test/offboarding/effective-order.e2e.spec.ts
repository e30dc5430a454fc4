import { hireBody, eventually } from '../support/http';
import { as } from '../support/tokens';
import { ClockedApp, hrApi, startClockedApp } from '../dashboard/clocked-app';

/**
 * The legal order in effective time, over HTTP, on a set clock (today 2026-12-03).
 * What was seen: 退工 accepted with an effective date of 2020-01-01, before the
 * hire (2020-01-06) and before its hard prerequisite 社保转出 (2026-12-03), so that
 * a timeline in effective order showed 退工 first. Every refusal reaches
 * GET /api/audit/rejections, for the employee, insurance and offboarding commands alike.
 */
describe('dates in effective order over HTTP', () => {
  let t: ClockedApp;
  let api: ReturnType<typeof hrApi>;
  const TODAY = '2026-12-03';
  type Rejection = { command: string; code: string; message: string };
  const rejectionsOf = (employeeId: string, check: (items: Rejection[]) => boolean): Promise<{ items: Rejection[] }> =>
    eventually(t, `/api/audit/rejections?employeeId=${employeeId}`, as.auditor, (b) => check(b.items));

  beforeAll(async () => {
    t = await startClockedApp();
    api = hrApi(t);
  });
  afterAll(() => t.close());

  describe('an offboarding case', () => {
    let caseId: string;
    beforeAll(async () => {
      await api.hire(TODAY, 'E8001', { hireDate: '2020-01-06' });
      await api.enrol(TODAY, 'E8001', '2020-01');
      t.setToday(TODAY);
      caseId = (
        await api
          .http()
          .post('/api/offboarding')
          .set(as.specialist)
          .send({ employeeId: 'E8001', reason: 'dismissal', lastWorkingDay: '2026-11-30', openedAt: '2026-11-20' })
          .expect(201)
      ).body.caseId;
      await api.step('2026-11-25', caseId, 'approval', {}, as.manager).expect(200);
      await api.step('2026-11-30', caseId, 'handover').expect(200);
      await api.step('2026-12-01', caseId, 'si_transfer_out', { action: 'request' }).expect(200);
      await api.step(TODAY, caseId, 'si_transfer_out', { data: { lastPaidMonth: '2026-11' } }).expect(200);
    });

    it('refuses 退工 dated 2020-01-01, naming the transfer-out it may not precede, and records the refusal', async () => {
      t.setToday(TODAY);
      const res = await api
        .http()
        .post(`/api/offboarding/${caseId}/steps/labor_termination`)
        .set(as.specialist)
        .send({ effectiveDate: '2020-01-01' })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'DATE_OUT_OF_ORDER',
        field: 'effectiveDate',
        date: '2020-01-01',
        conflictsWith: { step: 'si_transfer_out', effectiveDate: TODAY },
      });
      expect(res.body.message).toMatch(/社保转出.*\/.*transfer-out/);
      const items = (await rejectionsOf('E8001', (i) => i.some((r) => r.code === 'DATE_OUT_OF_ORDER'))).items;
      expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ command: 'PerformStep', code: 'DATE_OUT_OF_ORDER' })]));
    });

    it('refuses a step dated after today', async () => {
      const res = await api.step(TODAY, caseId, 'labor_termination', { effectiveDate: '2026-12-04' }).expect(409);
      expect(res.body).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'effectiveDate', today: TODAY, latest: TODAY });
    });

    it('refuses a termination date before the hire', async () => {
      const res = await api.step(TODAY, caseId, 'labor_termination', { data: { terminationDate: '2019-12-31' } });
      // The termination date may not precede the last working day either (INVALID_DATE, 400): either refusal keeps it out.
      expect([400, 409]).toContain(res.status);
    });

    it('takes 退工 on the day of the transfer-out, so the timeline in effective order reads 社保转出 then 退工', async () => {
      await api.step(TODAY, caseId, 'labor_termination').expect(200);
      const timeline = await eventually(t, '/api/employees/E8001/timeline?order=effective', as.investigator, (b) =>
        b.items.some((e: { type: string }) => e.type === 'LaborTerminationRegistered'),
      );
      const types = timeline.items.map((e: { type: string }) => e.type);
      expect(types.indexOf('SocialInsuranceTransferOutCompleted')).toBeLessThan(types.indexOf('LaborTerminationRegistered'));
    });
  });

  describe('opening a case', () => {
    beforeAll(() => api.hire(TODAY, 'E8002', { hireDate: '2024-03-01' }));
    const open = (body: Record<string, unknown>) => {
      t.setToday(TODAY);
      return api
        .http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId: 'E8002', reason: 'resignation', lastWorkingDay: '2026-12-31', ...body });
    };

    it('refuses an openedAt after today or before the hire date, and leaves no lock behind', async () => {
      expect((await open({ openedAt: '2026-12-04' }).expect(409)).body).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'openedAt' });
      expect((await open({ openedAt: '2024-02-29' }).expect(409)).body).toMatchObject({
        code: 'DATE_OUT_OF_ORDER',
        field: 'openedAt',
        conflictsWith: { field: 'hireDate', effectiveDate: '2024-03-01' },
      });
      expect((await open({ lastWorkingDay: '2027-03-04' }).expect(409)).body).toMatchObject({
        code: 'DATE_IN_FUTURE',
        field: 'lastWorkingDay',
        latest: '2027-03-03',
      });
      const opened = await open({ openedAt: '2024-03-01' }).expect(201);
      const view = await eventually(t, `/api/offboarding/${opened.body.caseId}`, as.specialist);
      expect(view.openedAt).toBe('2024-03-01');
    });

    it('defaults openedAt to the business day of the request', async () => {
      await api.hire(TODAY, 'E8003');
      t.setToday(TODAY);
      const { caseId } = (
        await api
          .http()
          .post('/api/offboarding')
          .set(as.specialist)
          .send({ employeeId: 'E8003', reason: 'resignation', lastWorkingDay: '2026-12-31' })
          .expect(201)
      ).body;
      expect((await eventually(t, `/api/offboarding/${caseId}`, as.specialist)).openedAt).toBe(TODAY);
    });
  });

  it('records a refused employee command (a hire date beyond the plan horizon)', async () => {
    t.setToday(TODAY);
    const res = await api
      .http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E8010', hireDate: '2027-03-04' }))
      .expect(409);
    expect(res.body).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'hireDate', latest: '2027-03-03' });
    await api.hire(TODAY, 'E8010', { hireDate: '2027-03-03' });
    const items = (await rejectionsOf('E8010', (i) => i.length > 0)).items;
    expect(items).toEqual([expect.objectContaining({ command: 'HireEmployee', code: 'DATE_IN_FUTURE' })]);
    expect(items[0].message).toMatch(/2027-03-04/);
  });

  it('records a refused insurance command (a contribution for next month, one before the hire)', async () => {
    await api.hire(TODAY, 'E8020', { hireDate: '2026-05-06' });
    await api.enrol(TODAY, 'E8020', '2026-05');
    const pay = (month: string) =>
      api.http().post('/api/employees/E8020/social-insurance/contributions').set(as.specialist).send({ month, base: 12000 });
    expect((await pay('2027-01').expect(409)).body).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'month', latest: '2026-12' });
    expect((await pay('2026-04').expect(409)).body).toMatchObject({
      code: 'DATE_OUT_OF_ORDER',
      conflictsWith: { field: 'hireDate', effectiveDate: '2026-05-06' },
    });
    await pay('2026-12').expect(201);
    await pay('2026-05').expect(201);
    const items = (await rejectionsOf('E8020', (i) => i.length === 2)).items;
    expect(items.map((r) => [r.command, r.code])).toEqual([
      ['RecordContribution', 'DATE_IN_FUTURE'],
      ['RecordContribution', 'DATE_OUT_OF_ORDER'],
    ]);
  });
});
