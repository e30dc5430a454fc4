import request from 'supertest';
import { employeeWithContributions, monthsFromTo } from '../continuity/continuity-app';
import { eventually } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/**
 * Who proposed a mutual agreement, whether a renewal was offered at an expiry, and
 * the notice given: recorded on the case (POST /api/offboarding), shown by it, and
 * read by the severance (LCL art. 46) and unemployment-benefit (SIL art. 45)
 * answers. Each employee: hired 2020-01-06 at 12,000 in Shanghai, 12 months of
 * unemployment contributions in 2024; 2020-01-06..2024-09-30 is 56 months → N = 5.
 */
describe('separation facts on the case over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const severance = (id: string, query: Record<string, string> = {}) =>
    http()
      .get(`/api/employees/${id}/severance`)
      .query({ terminationDate: '2024-09-30', ...query })
      .set(as.specialist);
  const benefit = async (id: string) =>
    (
      await eventually(
        t,
        `/api/employees/${id}/social-insurance/continuity?through=2024-12`,
        as.specialist,
        (b) => b.unemploymentBenefit?.separationReason !== null,
      )
    ).unemploymentBenefit;

  async function employeeWithCase(employeeId: string, body: Record<string, unknown>): Promise<string> {
    await employeeWithContributions(t, { employeeId }, '2024-01', ['pension', 'unemployment'], monthsFromTo('2024-01', '2024-12'));
    const res = await http()
      .post('/api/offboarding')
      .set(as.specialist)
      .send({ employeeId, lastWorkingDay: '2024-09-30', ...body })
      .expect(201);
    await eventually(t, `/api/offboarding/${res.body.caseId}`, as.specialist);
    return res.body.caseId;
  }

  beforeAll(async () => {
    t = await startTestApp({}, { clock: () => new Date('2025-03-15T10:00:00.000Z') });
  });
  afterAll(() => t.close());

  describe('a mutual agreement proposed by the employee', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = await employeeWithCase('F1', { reason: 'mutual_agreement', proposedBy: 'employee' });
    });

    it('is recorded and shown on the case', async () => {
      const view = (await http().get(`/api/offboarding/${caseId}`).set(as.specialist).expect(200)).body;
      expect(view.separation).toMatchObject({ proposedBy: 'employee', renewalOffer: null, noticeGivenOn: null, noticePeriodEnds: null });
    });

    it('owes no compensation (LCL art. 46(2) names only the employer’s proposal), without review', async () => {
      const res = await severance('F1', { reason: 'mutual_agreement' }).expect(200);
      expect(res.body).toMatchObject({
        compensationMonths: 0,
        amount: 0,
        manualReview: false,
        inputs: { proposedBy: 'employee', takenFrom: { proposedBy: `offboarding case ${caseId}` } },
      });
    });

    it('is of the employee’s own will: no unemployment benefit (Order 13 art. 13(3))', async () => {
      expect(await benefit('F1')).toMatchObject({ separationReason: 'mutual_agreement', eligible: false, maxMonths: 0 });
    });

    it('answers the what-if of an employer’s proposal from the query: 5 × 12,000', async () => {
      const res = await severance('F1', { reason: 'mutual_agreement', proposedBy: 'employer' }).expect(200);
      expect(res.body).toMatchObject({
        amount: 60000,
        manualReview: false,
        inputs: { proposedBy: 'employer', takenFrom: { proposedBy: 'query' } },
      });
    });
  });

  describe('a mutual agreement proposed by the employer', () => {
    beforeAll(() => employeeWithCase('F2', { reason: 'mutual_agreement', proposedBy: 'employer' }));

    it('owes 5 × 12,000 and is involuntary (12 months of benefit at most)', async () => {
      expect((await severance('F2', { reason: 'mutual_agreement' }).expect(200)).body).toMatchObject({
        amount: 60000,
        manualReview: false,
      });
      expect(await benefit('F2')).toMatchObject({ eligible: true, maxMonths: 12 });
    });
  });

  describe('a mutual agreement without the proposer recorded', () => {
    beforeAll(() => employeeWithCase('F3', { reason: 'mutual_agreement' }));

    it('leaves the amount to a person, saying to record proposedBy, and does not decide the benefit', async () => {
      const res = await severance('F3', { reason: 'mutual_agreement' }).expect(200);
      expect(res.body).toMatchObject({ amount: null, compensationMonths: null, manualReview: true, inputs: { proposedBy: null } });
      expect(res.body.reviewReasons.join('\n')).toMatch(/proposedBy/);
      const answer = await benefit('F3');
      expect(answer).toMatchObject({ eligible: null, maxMonths: null });
      expect(answer.why).toMatch(/proposedBy/);
    });
  });

  describe('a contract expiry', () => {
    it('owes nothing when the employee refused a renewal on the same or better terms (art. 46(5))', async () => {
      await employeeWithCase('F4', { reason: 'contract_expiry', renewalOffer: 'same_or_better_refused' });
      expect((await severance('F4', { reason: 'contract_expiry' }).expect(200)).body).toMatchObject({
        amount: 0,
        manualReview: false,
        inputs: { renewalOffer: 'same_or_better_refused' },
      });
    });

    it('owes 5 × 12,000 when the offer was on lower terms', async () => {
      await employeeWithCase('F5', { reason: 'contract_expiry', renewalOffer: 'lower_refused' });
      expect((await severance('F5', { reason: 'contract_expiry' }).expect(200)).body).toMatchObject({ amount: 60000, manualReview: false });
      expect(await benefit('F5')).toMatchObject({ eligible: true, maxMonths: 12 });
    });
  });

  describe('notice (LCL arts. 37, 40; Civil Code art. 201)', () => {
    it('shows when the notice period ends, and warns when the last working day comes first', async () => {
      const caseId = await employeeWithCase('F6', { reason: 'resignation', noticeGivenOn: '2024-09-10', inProbation: false });
      const view = (await http().get(`/api/offboarding/${caseId}`).set(as.specialist).expect(200)).body;
      expect(view.separation).toMatchObject({
        noticeGivenOn: '2024-09-10',
        inProbation: false,
        noticeDays: 30,
        noticePeriodEnds: '2024-10-10',
      });
      expect(view.warnings.join('\n')).toMatch(/2024-10-10/);
    });

    it('defaults withoutNotice to false for a dismissal noticed 30 days ahead, and true for one noticed later', async () => {
      await employeeWithCase('F7', { reason: 'dismissal', noticeGivenOn: '2024-08-31' });
      expect((await severance('F7', { reason: 'dismissal' }).expect(200)).body).toMatchObject({ inLieuOfNotice: 0, amount: 60000 });
      await employeeWithCase('F8', { reason: 'dismissal', noticeGivenOn: '2024-09-01' });
      const short = (await severance('F8', { reason: 'dismissal' }).expect(200)).body;
      expect(short).toMatchObject({ inLieuOfNotice: 12000, amount: 72000 });
      expect(short.basis.join('\n')).toMatch(/2024-09-01/);
      // The caller's flag still wins.
      expect((await severance('F8', { reason: 'dismissal', withoutNotice: 'false' }).expect(200)).body).toMatchObject({
        inLieuOfNotice: 0,
      });
    });
  });

  describe('input', () => {
    it('refuses bad values, naming each field', async () => {
      await employeeWithContributions(t, { employeeId: 'F9' }, '2024-01', ['unemployment'], ['2024-01']);
      const res = await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({
          employeeId: 'F9',
          reason: 'mutual_agreement',
          lastWorkingDay: '2024-09-30',
          proposedBy: 'boss',
          renewalOffer: 'maybe',
          noticeGivenOn: '2024-02-30',
          inProbation: 'yes',
        })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'inProbation',
        'noticeGivenOn',
        'proposedBy',
        'renewalOffer',
      ]);
    });

    it('refuses a fact that belongs to another reason, naming the field', async () => {
      const res = await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId: 'F9', reason: 'dismissal', lastWorkingDay: '2024-09-30', proposedBy: 'employer' })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'INVALID_SEPARATION_FACT', field: 'proposedBy' });
    });
  });
});
