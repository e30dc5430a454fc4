import request from 'supertest';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

describe('wage changes and pay records over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const wages = (id: string, body: Record<string, unknown>, who = as.specialist) =>
    http().post(`/api/employees/${id}/wages`).set(who).send(body);
  const payRecords = (id: string, body: Record<string, unknown>, who = as.specialist) =>
    http().post(`/api/employees/${id}/pay-records`).set(who).send(body);
  /** The fields named (a field breaking two rules, e.g. -5 is neither money nor positive, is named once per rule). */
  const fields = (body: { errors: Array<{ field: string }> }) => [...new Set(body.errors.map((e) => e.field))].sort();

  beforeAll(async () => {
    t = await startTestApp();
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E1', hireDate: '2022-01-10', monthlyWage: 5000 }))
      .expect(201);
  });
  afterAll(() => t.close());

  describe('POST /api/employees/{id}/wages', () => {
    it('answers 201 with the stream, revision and position, and the profile shows the history', async () => {
      const res = await wages('E1', { monthlyWage: 20000, effectiveDate: '2024-04-01', note: 'promotion' }, as.manager).expect(201);
      expect(res.body).toEqual({ stream: 'employee-E1', revision: expect.any(Number), position: expect.stringMatching(/^\d+$/) });
      const profile = await eventually(t, '/api/employees/E1', as.auditor, (p) => p.wageHistory?.length === 2);
      expect(profile).toMatchObject({
        monthlyWage: 20000,
        wageHistory: [
          { effectiveDate: '2022-01-10', monthlyWage: 5000 },
          { effectiveDate: '2024-04-01', monthlyWage: 20000 },
        ],
      });
    });

    it('puts a line on the timeline, without the note', async () => {
      const timeline = await eventually(t, '/api/employees/E1/timeline', as.investigator, (b) =>
        b.items.some((i: { type: string }) => i.type === 'WageChanged'),
      );
      const item = timeline.items.find((i: { type: string }) => i.type === 'WageChanged');
      expect(item).toMatchObject({
        effectiveDate: '2024-04-01',
        summary: { zh: '月工资自 2024-04-01 起调整：5000.00 → 20000.00 元', en: 'monthly wage from 2024-04-01: CNY 5000.00 → 20000.00' },
      });
      expect(JSON.stringify(item)).not.toContain('promotion');
    });

    it('lists every bad field: 400 naming each', async () => {
      expect(fields((await wages('E1', { monthlyWage: 0, effectiveDate: '2024-02-30' }).expect(400)).body)).toEqual([
        'effectiveDate',
        'monthlyWage',
      ]);
      expect(fields((await wages('E1', { monthlyWage: 100.001, effectiveDate: '2024-04-01', note: '' }).expect(400)).body)).toEqual([
        'monthlyWage',
        'note',
      ]);
      expect(fields((await wages('E1', { monthlyWage: '20000', effectiveDate: '2024-04-01' }).expect(400)).body)).toEqual(['monthlyWage']);
      expect(fields((await wages('E1', {}).expect(400)).body)).toEqual(['effectiveDate', 'monthlyWage']);
    });

    it('refuses a change dated before the hire date (400 INVALID_DATE)', async () => {
      expect((await wages('E1', { monthlyWage: 6000, effectiveDate: '2022-01-09' }).expect(400)).body).toMatchObject({
        code: 'INVALID_DATE',
        field: 'effectiveDate',
      });
    });

    it('answers 404 for an unknown employee and 403 for a role that may not change employees', async () => {
      expect((await wages('NOBODY', { monthlyWage: 6000, effectiveDate: '2024-01-01' }).expect(404)).body.code).toBe('NOT_FOUND');
      for (const who of [as.auditor, as.investigator, as.admin])
        await wages('E1', { monthlyWage: 6000, effectiveDate: '2024-01-01' }, who).expect(403);
    });
  });

  describe('POST /api/employees/{id}/pay-records', () => {
    it('records a month and then a correction of it, each a line on the timeline', async () => {
      await payRecords('E1', { month: '2024-05', amount: 21000 }).expect(201);
      await payRecords('E1', { month: '2024-05', amount: 21500.5, note: 'bonus added' }).expect(201);
      const timeline = await eventually(t, '/api/employees/E1/timeline?type=MonthlyPayRecorded', as.auditor, (b) => b.items.length === 2);
      expect(timeline.items.map((i: { summary: { en: string } }) => i.summary.en).sort()).toEqual([
        'pay owed for 2024-05 corrected: CNY 21000.00 → 21500.50',
        'pay owed for 2024-05 recorded: CNY 21000.00',
      ]);
    });

    it('lists every bad field, and refuses a month before the hire month', async () => {
      expect(fields((await payRecords('E1', { month: '2024-13', amount: -5 }).expect(400)).body)).toEqual(['amount', 'month']);
      expect(fields((await payRecords('E1', { month: '2024-05', amount: 0 }).expect(400)).body)).toEqual(['amount']);
      expect((await payRecords('E1', { month: '2021-12', amount: 5000 }).expect(400)).body).toMatchObject({
        code: 'INVALID_MONTH',
        field: 'month',
      });
    });

    it('answers 403 for a reader role', async () => {
      await payRecords('E1', { month: '2024-05', amount: 5000 }, as.auditor).expect(403);
    });
  });

  describe('after separation', () => {
    beforeAll(async () => {
      await http()
        .post('/api/employees')
        .set(as.specialist)
        .send(hireBody({ employeeId: 'S1', category: 'enterprise_contract', hireDate: '2020-01-06', monthlyWage: 12000 }))
        .expect(201);
      const caseId = (
        await http()
          .post('/api/offboarding')
          .set(as.specialist)
          .send({ employeeId: 'S1', reason: 'dismissal', lastWorkingDay: '2024-09-15', openedAt: '2024-09-01' })
          .expect(201)
      ).body.caseId;
      const step = (key: string, body: Record<string, unknown>, who = as.specialist) =>
        http().post(`/api/offboarding/${caseId}/steps/${key}`).set(who).send(body).expect(200);
      await step('approval', { effectiveDate: '2024-09-02' }, as.manager);
      await step('si_transfer_out', { action: 'request', effectiveDate: '2024-09-16' });
      await step('si_transfer_out', { action: 'complete', effectiveDate: '2024-09-18', data: { lastPaidMonth: '2024-09' } });
      await step('labor_termination', { effectiveDate: '2024-09-18', override: { reason: 'handover signed off by phone' } }, as.manager);
      await eventually(t, '/api/employees/S1', as.specialist, (p) => p.status === 'separated');
    });

    it('refuses a wage change with 409 EMPLOYEE_SEPARATED, in both languages', async () => {
      const res = await wages('S1', { monthlyWage: 13000, effectiveDate: '2024-01-01' }).expect(409);
      expect(res.body.code).toBe('EMPLOYEE_SEPARATED');
      expect(res.body.message).toContain('不能再调整工资');
      expect(res.body.message).toContain('the wage can no longer be changed');
    });

    it('still takes the pay of the termination month (payroll runs after 退工), and refuses a later month', async () => {
      await payRecords('S1', { month: '2024-09', amount: 6000 }).expect(201);
      expect((await payRecords('S1', { month: '2024-10', amount: 6000 }).expect(409)).body.code).toBe('EMPLOYEE_SEPARATED');
    });
  });
});
