import request from 'supertest';
import { eventually, hireBody } from '../support/http';
import { employeeWithContributions } from '../continuity/continuity-app';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/**
 * A refused command of every aggregate reaches the audit stream (GET /api/audit/rejections):
 * the refusal is recorded on the command path once (the command bus), not by each use case.
 */
describe('refused commands of every aggregate reach the audit stream', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const rejectionOf = (employeeId: string, command: string) =>
    eventually(t, `/api/audit/rejections?employeeId=${employeeId}`, as.auditor, (b: { items: Array<{ command: string }> }) =>
      b.items.some((i) => i.command === command),
    ).then((b: { items: Array<{ command: string }> }) => b.items.find((i) => i.command === command));

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('employee archive: a second hire of a person still employed (EMPLOYEE_EXISTS)', async () => {
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E7001' }))
      .expect(201);
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E7001' }))
      .expect(409);
    expect(await rejectionOf('E7001', 'HireEmployee')).toMatchObject({
      code: 'EMPLOYEE_EXISTS',
      employeeId: 'E7001',
      actor: { id: 'hr-spec-1', role: 'hr_specialist' },
    });
  });

  it('social-insurance account: a duplicate contribution for a month (DUPLICATE_CONTRIBUTION)', async () => {
    await employeeWithContributions(t, { employeeId: 'E7002' }, '2020-01', ['pension'], []);
    const contribution = { month: '2024-03', base: 12000 };
    await http().post('/api/employees/E7002/social-insurance/contributions').set(as.specialist).send(contribution).expect(201);
    const { body } = await http()
      .post('/api/employees/E7002/social-insurance/contributions')
      .set(as.specialist)
      .send(contribution)
      .expect(409);
    expect(body.code).toBe('DUPLICATE_CONTRIBUTION');
    expect(await rejectionOf('E7002', 'RecordContribution')).toMatchObject({ code: 'DUPLICATE_CONTRIBUTION', employeeId: 'E7002' });
  });

  it('employee archive, wages: a raise dated before the hire (INVALID_DATE)', async () => {
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E7003' }))
      .expect(201);
    await http()
      .post('/api/employees/E7003/wages')
      .set(as.specialist)
      .send({ monthlyWage: 13000, effectiveDate: '2019-01-01' })
      .expect(400);
    expect(await rejectionOf('E7003', 'ChangeWage')).toMatchObject({ code: 'INVALID_DATE', employeeId: 'E7003' });
  });

  it('employee archive, personal data: an erasure while employed (EMPLOYEE_EMPLOYED)', async () => {
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E7004' }))
      .expect(201);
    await http().delete('/api/employees/E7004/personal-data').set(as.admin).expect(409);
    expect(await rejectionOf('E7004', 'ErasePersonalData')).toMatchObject({
      code: 'EMPLOYEE_EMPLOYED',
      employeeId: 'E7004',
      actor: { id: 'admin-1', role: 'admin' },
    });
  });

  it('offboarding case: a second open case, and a step whose prerequisites are not done (OPEN_CASE_EXISTS, STEP_LOCKED)', async () => {
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E7005' }))
      .expect(201);
    const opening = { employeeId: 'E7005', reason: 'resignation', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' };
    const { caseId } = (await http().post('/api/offboarding').set(as.specialist).send(opening).expect(201)).body;
    await http().post('/api/offboarding').set(as.specialist).send(opening).expect(409);
    expect(await rejectionOf('E7005', 'OpenCase')).toMatchObject({ code: 'OPEN_CASE_EXISTS', employeeId: 'E7005' });
    await http().post(`/api/offboarding/${caseId}/steps/labor_termination`).set(as.specialist).send({}).expect(409);
    expect(await rejectionOf('E7005', 'PerformStep')).toMatchObject({
      code: 'STEP_LOCKED',
      caseId,
      employeeId: 'E7005',
      step: 'labor_termination',
      action: 'complete',
      missing: expect.arrayContaining(['si_transfer_out']),
    });
  });
});
