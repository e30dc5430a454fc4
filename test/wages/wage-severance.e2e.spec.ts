import request from 'supertest';
import { hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/**
 * The done-when test of wage history: someone hired at 5,000 and raised to
 * 20,000 part-way is compensated on the 12 months before termination, not on
 * the hire wage. Shanghai as shipped: 3 × 12,307 = 36,921 is the cap, 2,690
 * the minimum wage; neither binds here.
 *
 * Both employees: hired 2022-01-01, raised to 20,000 from 2024-04-01,
 * contract expiry on 2024-09-30 (the last day of its month, so the window is
 * 2023-10 .. 2024-09). Service 2022-01-01 .. 2024-09-30 = 33 whole months =
 * 2 years 9 months → N = 3 (a remainder of 6 months or more counts as a year).
 */
describe('severance on the wage history and payroll (LCL art. 47 para. 3, Regs arts. 20, 27)', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  // No renewal was offered, so compensation is owed (LCL art. 46(5)).
  const termination = { terminationDate: '2024-09-30', reason: 'contract_expiry', renewalOffer: 'none' };
  const severance = (id: string, query: Record<string, string> = termination) =>
    http().get(`/api/employees/${id}/severance`).query(query).set(as.specialist);
  const raise = (id: string, body: Record<string, unknown>) => http().post(`/api/employees/${id}/wages`).set(as.specialist).send(body);
  const pay = (id: string, month: string, amount: number) =>
    http().post(`/api/employees/${id}/pay-records`).set(as.specialist).send({ month, amount });
  const monthsFrom = (first: string, count: number) =>
    Array.from({ length: count }, (_, i) => {
      const [y, m] = first.split('-').map(Number);
      const d = new Date(Date.UTC(y, m - 1 + i, 1));
      return d.toISOString().slice(0, 7);
    });

  beforeAll(async () => {
    t = await startTestApp();
    for (const employeeId of ['W1', 'W2', 'W3']) {
      await http()
        .post('/api/employees')
        .set(as.specialist)
        .send(hireBody({ employeeId, hireDate: '2022-01-01', monthlyWage: 5000 }))
        .expect(201);
      await raise(employeeId, { monthlyWage: 20000, effectiveDate: '2024-04-01', note: 'promotion' }).expect(201);
    }
  });
  afterAll(() => t.close());

  it('without payroll records: the contractual wage of each month, 6 × 5,000 + 6 × 20,000', async () => {
    const res = await severance('W1').expect(200);
    // W = (6 × 5,000 for 2023-10..2024-03 + 6 × 20,000 for 2024-04..2024-09) / 12
    //   = (30,000 + 120,000) / 12 = 12,500; 3 × 12,500 = 37,500.
    // On the hire wage alone it was 3 × 5,000 = 15,000.
    expect(res.body).toMatchObject({
      serviceMonths: 33,
      compensationMonths: 3,
      monthlyWageUsed: 12500,
      capApplied: false,
      amount: 37500,
      manualReview: false,
    });
    expect(res.body.inputs.wageMonths).toEqual(
      monthsFrom('2023-10', 12).map((month) => ({ month, amount: month < '2024-04' ? 5000 : 20000, source: 'wage_history' })),
    );
    expect(res.body.inputs.averageMonthlyWage).toBe(12500);
    expect(res.body.basis.join('\n')).toMatch(/2023-10.*2024-09/);
  });

  it('with payroll for every month: what was owed, the corrected January included, and the previous month for the month in lieu of notice', async () => {
    const owed: Record<string, number> = Object.fromEntries(monthsFrom('2023-10', 12).map((m) => [m, m < '2024-04' ? 5000 : 20000]));
    owed['2024-01'] = 8000; // year-end bonus in January
    owed['2024-06'] = 21500; // an allowance in June
    await pay('W2', '2024-01', 7000).expect(201); // corrected below: the latest record wins
    for (const [month, amount] of Object.entries(owed)) await pay('W2', month, amount).expect(201);

    const res = await severance('W2').expect(200);
    // W = (5 × 5,000 + 8,000 + 5 × 20,000 + 21,500) / 12 = (25,000 + 8,000 + 100,000 + 21,500) / 12
    //   = 154,500 / 12 = 12,875; 3 × 12,875 = 38,625.
    expect(res.body).toMatchObject({ compensationMonths: 3, monthlyWageUsed: 12875, amount: 38625, manualReview: false });
    expect(res.body.inputs.wageMonths).toEqual(Object.entries(owed).map(([month, amount]) => ({ month, amount, source: 'payroll' })));

    // Dismissal without notice (art. 40): + the previous month's wage, 2024-08 = 20,000 → 58,625.
    const dismissed = await severance('W2', { terminationDate: '2024-09-30', reason: 'dismissal', withoutNotice: 'true' }).expect(200);
    expect(dismissed.body).toMatchObject({
      inLieuOfNotice: 20000,
      amount: 58625,
      inputs: { previousMonth: { month: '2024-08', amount: 20000, source: 'payroll' }, previousMonthWage: 20000 },
    });
  });

  it('with payroll for some months only: computed month by month, but left to manual review naming the months without a record', async () => {
    await pay('W3', '2024-08', 22000).expect(201);
    await pay('W3', '2024-09', 22000).expect(201);
    const res = await severance('W3').expect(200);
    // W = (6 × 5,000 + 4 × 20,000 + 2 × 22,000) / 12 = (30,000 + 80,000 + 44,000) / 12 = 154,000 / 12 = 12,833.33 (to the fen)
    // 3 × 12,833.33 = 38,499.99.
    expect(res.body).toMatchObject({ monthlyWageUsed: 12833.33, amount: 38499.99, manualReview: true });
    const sources = res.body.inputs.wageMonths.map((m: { source: string }) => m.source);
    expect(sources).toEqual([...Array(10).fill('wage_history'), 'payroll', 'payroll']);
    expect(res.body.reviewReasons.join('\n')).toMatch(/2023-10.*2024-07/);
  });
});
