import request from 'supertest';
import { employeeWithContributions } from '../continuity/continuity-app';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/**
 * "Today" is China's day: a command at 07:30 Beijing time on the 16th happens on
 * the 16th (the UTC date is the 15th), and a refusal at 00:30 on 1 July Beijing
 * time belongs to July's audit stream (UTC still says 30 June).
 */
describe('the business day over HTTP', () => {
  let t: TestApp;
  let now = new Date('2024-06-20T02:00:00Z');
  const http = () => request(t.app.getHttpServer());
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp({}, { clock: () => new Date(now) });
    await employeeWithContributions(t, { employeeId: 'E7001' }, '2020-01', ['pension'], []);
    caseId = (
      await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId: 'E7001', reason: 'dismissal', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
        .expect(201)
    ).body.caseId;
  });
  afterAll(() => t.close());

  it('records a refusal at 00:30 on 1 July (Beijing) in the July audit stream', async () => {
    now = new Date('2024-06-30T16:30:00Z');
    const refused = await http().post(`/api/offboarding/${caseId}/steps/labor_termination`).set(as.specialist).send({}).expect(409);
    expect(refused.body.code).toBe('STEP_LOCKED');
    const july = await http().get('/api/audit/streams/audit-2024-07/events').set(as.auditor).expect(200);
    const refusals = (july.body.items ?? july.body).filter((e: { type: string }) => e.type === 'CommandRefused');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0].metadata.effectiveDate).toBe('2024-07-01');
    await http().get('/api/audit/streams/audit-2024-06/events').set(as.auditor).expect(404);
    // A day filter means the Beijing day too.
    const onFirstJuly = async () =>
      (await http().get('/api/audit/rejections?from=2024-07-01&to=2024-07-01').set(as.auditor).expect(200)).body.total;
    for (let i = 0; i < 100 && (await onFirstJuly()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await onFirstJuly()).toBe(1);
    expect((await http().get('/api/audit/rejections?from=2024-06-30&to=2024-06-30').set(as.auditor).expect(200)).body.total).toBe(0);
  });

  it('dates a step done at 07:30 on the 16th (Beijing) on the 16th, not the UTC 15th', async () => {
    now = new Date('2024-07-15T23:30:00Z');
    const done = await http().post(`/api/offboarding/${caseId}/steps/approval`).set(as.manager).send({}).expect(200);
    expect(done.body.revision).toBe(1);
    const events = await http().get(`/api/audit/streams/offboarding-${caseId}/events`).set(as.auditor).expect(200);
    const completed = (events.body.items ?? events.body).find((e: { type: string }) => e.type === 'StepCompleted');
    expect(completed.data).toMatchObject({ step: 'approval', effectiveDate: '2024-07-16' });
    expect(completed.metadata.effectiveDate).toBe('2024-07-16');
  });
});
