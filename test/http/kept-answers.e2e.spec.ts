import request from 'supertest';
import { describeOnEachReadStore, employeeWithContributions } from '../continuity/continuity-app';
import { eventually } from '../support/http';
import { as } from '../support/tokens';

/** The application's clock, moved by the tests below. */
let now = '2024-06-20T02:00:00Z';

interface Step {
  key: string;
  status: string;
  daysLeft: number | null;
}

/**
 * Case views and timeline pages are kept as the bytes sent (http/json-answers.ts)
 * while their read model's position and the business day stay the same. Every
 * change a reader can see must still reach the next read: a step, the next day, a
 * new event on the timeline, a refused command about the employee, another page.
 */
describeOnEachReadStore(
  'answers kept between reads',
  () => new Date(now),
  (app) => {
    const http = () => request(app().app.getHttpServer());
    let caseId: string;
    const CASE_VIEW = () => `/api/offboarding/${caseId}`;
    const TIMELINE = '/api/employees/E6001/timeline';
    const stepOf = (view: { steps: Step[] }, key: string) => view.steps.find((s) => s.key === key)!;

    beforeAll(async () => {
      now = '2024-06-20T02:00:00Z';
      await employeeWithContributions(app(), { employeeId: 'E6001' }, '2020-01', ['pension'], ['2024-04']);
      const opened = await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId: 'E6001', reason: 'resignation', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
        .expect(201);
      caseId = opened.body.caseId;
      await eventually(app(), CASE_VIEW(), as.specialist);
    });

    it('a case view answers the same JSON as before, as application/json', async () => {
      const first = await http().get(CASE_VIEW()).set(as.specialist).expect(200);
      const second = await http().get(CASE_VIEW()).set(as.investigator).expect(200);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(second.text).toBe(first.text);
      expect(first.body).toMatchObject({ caseId, employeeId: 'E6001', status: 'open' });
      expect(stepOf(first.body, 'labor_termination').daysLeft).toBe(25);
    });

    it('a case view counts its days from the new business day, not from the day it was kept', async () => {
      // 16:30 UTC on the 20th is 00:30 on the 21st in Beijing.
      now = '2024-06-20T16:30:00Z';
      const view = (await http().get(CASE_VIEW()).set(as.specialist).expect(200)).body;
      expect(stepOf(view, 'labor_termination').daysLeft).toBe(24);
    });

    it('a case view shows a step done as soon as its read model has it', async () => {
      const approved = await http().post(`${CASE_VIEW()}/steps/approval`).set(as.manager).send({ effectiveDate: '2024-06-21' }).expect(200);
      const view = (await http().get(CASE_VIEW()).set(as.specialist).set('X-Min-Position', approved.body.position).expect(200)).body;
      expect(stepOf(view, 'approval').status).toBe('done');
    });

    it('a timeline page takes in a new event, and a refused command about the employee', async () => {
      const before = (await http().get(TIMELINE).set(as.auditor).expect(200)).body;
      expect((await http().get(TIMELINE).set(as.auditor).expect(200)).body).toEqual(before);
      const paid = await http()
        .post('/api/employees/E6001/social-insurance/contributions')
        .set(as.specialist)
        .send({ month: '2024-05', base: 12000 })
        .expect(201);
      const after = (await http().get(TIMELINE).set(as.auditor).set('X-Min-Position', paid.body.position).expect(200)).body;
      expect(after.total).toBe(before.total + 1);
      expect(after.items.at(-1).type).toBe('ContributionRecorded');

      // Refused: 退工 before the transfer-out. The refusal goes to the shared audit stream, not the employee's.
      await http().post(`${CASE_VIEW()}/steps/labor_termination`).set(as.specialist).send({}).expect(409);
      const refused = await eventually(app(), TIMELINE, as.auditor, (page) => page.total === after.total + 1);
      expect(refused.items.at(-1).type).toBe('CommandRefused');
    });

    it('a timeline keeps each query’s answer apart', async () => {
      const first = (await http().get(`${TIMELINE}?pageSize=1`).set(as.auditor).expect(200)).body;
      const second = (await http().get(`${TIMELINE}?pageSize=1&page=2`).set(as.auditor).expect(200)).body;
      const effective = (await http().get(`${TIMELINE}?pageSize=1&order=effective`).set(as.auditor).expect(200)).body;
      expect(first.items).toHaveLength(1);
      expect(second.items[0].position).not.toBe(first.items[0].position);
      expect(effective.order).toBe('effective');
      const known = (await http().get(`${TIMELINE}?asKnownAt=2000-01-01T00:00:00Z`).set(as.auditor).expect(200)).body;
      expect(known.items).toEqual([]);
    });
  },
);
