import request from 'supertest';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, tokenFor } from '../support/tokens';

/**
 * Shanghai as shipped (policy version 1): 2023 average monthly wage 12,307 from
 * 2024-07-01 (3× = 36,921), minimum wage 2,690. Terminations on 2024-09-30, when
 * both are in force.
 */
describe('severance over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const severance = (id: string, query: Record<string, string> = {}, who: Record<string, string> = as.specialist) =>
    http().get(`/api/employees/${id}/severance`).query(query).set(who);
  const hire = (employeeId: string, over: Record<string, unknown> = {}) =>
    http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId, ...over }))
      .expect(201);
  const onSeptember30 = (reason: string, more: Record<string, string> = {}) => ({ terminationDate: '2024-09-30', reason, ...more });

  beforeAll(async () => {
    t = await startTestApp();
    await hire('S1', { hireDate: '2020-01-06', monthlyWage: 12000 });
    await hire('H1', { hireDate: '2008-03-01', monthlyWage: 40000 });
    await hire('H2', { hireDate: '2008-03-01', monthlyWage: 36921 });
  });
  afterAll(() => t.close());

  describe('a Shanghai employee, 2020-01-06..2024-09-30 at 12,000', () => {
    it('works the N+1 example: 56 months → 5 months × 12,000 + 12,000 in lieu of notice = 72,000, dismissal flagged for review', async () => {
      const res = await severance('S1', onSeptember30('dismissal', { withoutNotice: 'true' })).expect(200);
      expect(res.body).toMatchObject({
        serviceMonths: 56,
        compensationMonths: 5,
        monthlyWageUsed: 12000,
        capApplied: false,
        economicCompensation: 60000,
        inLieuOfNotice: 12000,
        amount: 72000,
        manualReview: true,
        inputs: {
          hireDate: '2020-01-06',
          terminationDate: '2024-09-30',
          reason: 'dismissal',
          averageMonthlyWage: 12000,
          regionalAverageMonthlyWage: {
            year: 2023,
            amount: 12307,
            effectiveFrom: '2024-07-31',
            source: expect.stringContaining('[secondary]'),
          },
          regionalAverageYearNeeded: { year: 2023, why: 'prior_year' },
          minimumMonthlyWage: { amount: 2690, effectiveFrom: '2023-07-01', source: expect.any(String) },
          policy: { region: 'shanghai', category: 'enterprise_regular', version: 1, pinnedByCase: null },
          takenFrom: { terminationDate: 'query', reason: 'query' },
        },
      });
      const basis = res.body.basis.join('\n');
      for (const cited of [
        'LCL art. 47 para. 1',
        'art. 47 para. 3',
        'Regs art. 27',
        'Civil Code art. 1259',
        'Art. 40',
        'Regs art. 20',
        'version 1',
      ])
        expect(basis).toContain(cited);
      expect(res.body.reviewReasons.join('\n')).toMatch(/art\. 39/);
    });

    it('answers 60,000 without review for a contract expiry without a renewal offer', async () => {
      expect((await severance('S1', onSeptember30('contract_expiry', { renewalOffer: 'none' })).expect(200)).body).toMatchObject({
        amount: 60000,
        manualReview: false,
      });
    });

    it('leaves a contract expiry without the renewal offer to a person (art. 46(5)): amount null', async () => {
      const res = await severance('S1', onSeptember30('contract_expiry')).expect(200);
      expect(res.body).toMatchObject({
        amount: null,
        manualReview: true,
        inputs: { renewalOffer: null, takenFrom: { renewalOffer: 'not recorded' } },
      });
    });

    it('doubles the art. 47 amount for an unlawful termination, without the month in lieu of notice: 120,000', async () => {
      const res = await severance('S1', onSeptember30('dismissal', { unlawful: 'true', withoutNotice: 'true' })).expect(200);
      expect(res.body).toMatchObject({ economicCompensation: 60000, inLieuOfNotice: 0, amount: 120000 });
      expect(res.body.basis.join('\n')).toMatch(/LCL art\. 87/);
    });

    it('answers 0 with the reason for a resignation', async () => {
      const res = await severance('S1', onSeptember30('resignation')).expect(200);
      expect(res.body).toMatchObject({ serviceMonths: 56, compensationMonths: 0, amount: 0, manualReview: false });
      expect(res.body.basis.join('\n')).toMatch(/LCL art\. 37/);
    });

    it('never shows the name or the ID number, to any role', async () => {
      for (const who of Object.values(as)) {
        const text = JSON.stringify((await severance('S1', onSeptember30('dismissal'), who).expect(200)).body);
        for (const personal of ['张三', '张*', '11010519491231002X', '110105********002X']) expect(text).not.toContain(personal);
      }
    });
  });

  describe('the high-earner cap (art. 47 para. 2), 2008-03-01..2024-09-30 (16 years 7 months → 17)', () => {
    it('caps a wage of 40,000 at 36,921 and the years at 12: 443,052', async () => {
      const res = await severance('H1', onSeptember30('contract_expiry', { renewalOffer: 'none' })).expect(200);
      expect(res.body).toMatchObject({
        serviceMonths: 199,
        compensationMonths: 12,
        monthlyWageUsed: 36921,
        capApplied: true,
        amount: 443052,
      });
    });

    it('does not cap a wage of exactly 36,921 (“above” excludes equality): 17 × 36,921 = 627,657', async () => {
      const res = await severance('H2', onSeptember30('contract_expiry', { renewalOffer: 'none' })).expect(200);
      expect(res.body).toMatchObject({ compensationMonths: 17, monthlyWageUsed: 36921, capApplied: false, amount: 627657 });
    });
  });

  describe('the regional average in force (art. 47 para. 2 needs the year before the termination year)', () => {
    beforeAll(async () => {
      await hire('R1', { hireDate: '2010-03-01', monthlyWage: 40000 });
      await hire('X1', { region: 'xiamen', hireDate: '2008-03-01', monthlyWage: 40000 });
      await hire('X2', { region: 'xiamen', hireDate: '2008-03-01', monthlyWage: 12000 });
    });

    it('Shanghai, 2027-03-31: the 2026 figure is not out yet, so 2025 is needed; the newest shipped is 2023, and 40,000 could be above or below 3× the true one → no amount, manual review naming both years', async () => {
      const res = await severance('R1', { terminationDate: '2027-03-31', reason: 'contract_expiry', renewalOffer: 'none' }).expect(200);
      expect(res.body).toMatchObject({
        serviceMonths: 205,
        amount: null,
        economicCompensation: null,
        compensationMonths: null,
        monthlyWageUsed: null,
        manualReview: true,
        inputs: {
          regionalAverageMonthlyWage: { year: 2023, amount: 12307 },
          regionalAverageYearNeeded: { year: 2025, why: 'prior_year_not_yet_published' },
        },
      });
      expect(res.body.reviewReasons.join('\n')).toMatch(
        /needs the 2025 regional average monthly wage; the newest the policy has public on 2027-03-31 is of 2023/,
      );
      expect(res.body.basis.join('\n')).toMatch(/“previous year” is 2026, but its figure was not yet public on 2027-03-31/);
    });

    it('Shanghai, 2026-09-30 (today’s terminations): needs 2025, finds 2023; 12,000 is below 3 × the lowest plausible 2025 figure → computed and flagged', async () => {
      const res = await severance('S1', { terminationDate: '2026-09-30', reason: 'contract_expiry', renewalOffer: 'none' }).expect(200);
      expect(res.body).toMatchObject({ serviceMonths: 80, compensationMonths: 7, amount: 84000, manualReview: true });
      expect(res.body.reviewReasons.join('\n')).toMatch(/needs the 2025 .* is of 2023 .* does not change the result/);
    });

    it('Xiamen ships no average: a high earner with 16 years 7 months gets no amount (the cap could apply), manual review', async () => {
      const res = await severance('X1', onSeptember30('contract_expiry', { renewalOffer: 'none' })).expect(200);
      expect(res.body).toMatchObject({ amount: null, compensationMonths: null, manualReview: true });
      expect(res.body.reviewReasons.join('\n')).toMatch(/2023/);
    });

    it('Xiamen, 12,000: below three times any plausible average (3 × 3 × the minimum wage) → computed, 17 × 12,000 = 204,000, still flagged', async () => {
      const res = await severance('X2', onSeptember30('contract_expiry', { renewalOffer: 'none' })).expect(200);
      expect(res.body).toMatchObject({ compensationMonths: 17, capApplied: false, amount: 204000, manualReview: true });
      expect(res.body.reviewReasons.join('\n')).toMatch(/does not change the result/);
    });
  });

  describe('input', () => {
    it('requires terminationDate and reason when no separation is recorded, naming both', async () => {
      const res = await severance('S1').expect(400);
      expect(res.body.code).toBe('VALIDATION');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['terminationDate', 'reason']);
    });

    it('lists every bad parameter', async () => {
      const res = await severance('S1', {
        terminationDate: '2024-02-30',
        reason: 'fired',
        withoutNotice: 'yes',
        unlawful: '1',
        proposedBy: 'boss',
        renewalOffer: 'maybe',
      }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'proposedBy',
        'reason',
        'renewalOffer',
        'terminationDate',
        'unlawful',
        'withoutNotice',
      ]);
    });

    it('refuses an unknown parameter and a termination before the hire date', async () => {
      expect((await severance('S1', { ...onSeptember30('dismissal'), extra: '1' }).expect(400)).body.code).toBe('VALIDATION');
      expect((await severance('S1', onSeptember30('dismissal', { terminationDate: '2019-12-31' })).expect(400)).body).toMatchObject({
        code: 'INVALID_DATE',
        field: 'terminationDate',
      });
    });

    it('answers 404 for an unknown employee and 400 for a malformed id', async () => {
      expect((await severance('NOBODY', onSeptember30('dismissal')).expect(404)).body.code).toBe('NOT_FOUND');
      await severance('bad id!', onSeptember30('dismissal')).expect(400);
    });
  });

  describe('authentication and roles', () => {
    it('answers 401 without a token or with only unknown roles', async () => {
      await http().get('/api/employees/S1/severance').query(onSeptember30('dismissal')).expect(401);
      await severance('S1', onSeptember30('dismissal'), bearer(tokenFor('x', ['superuser']))).expect(401);
    });

    it('lets every role read it (so no valid token gets 403 here)', async () => {
      for (const who of Object.values(as)) await severance('S1', onSeptember30('dismissal'), who).expect(200);
    });
  });

  describe('with an offboarding case (shanghai, enterprise_contract)', () => {
    let caseId: string;
    const step = (key: string, body: Record<string, unknown>, who = as.specialist) =>
      http().post(`/api/offboarding/${caseId}/steps/${key}`).set(who).send(body).expect(200);

    beforeAll(async () => {
      await hire('P1', { category: 'enterprise_contract', hireDate: '2020-01-06', monthlyWage: 40000 });
      await hire('P2', { category: 'enterprise_contract', hireDate: '2020-01-06', monthlyWage: 40000 });
      caseId = (
        await http()
          .post('/api/offboarding')
          .set(as.specialist)
          .send({ employeeId: 'P1', reason: 'dismissal', lastWorkingDay: '2024-09-30', openedAt: '2024-09-01' })
          .expect(201)
      ).body.caseId;
      await step('approval', { effectiveDate: '2024-09-20' }, as.manager);
      await step('si_transfer_out', { action: 'request', effectiveDate: '2024-10-08' });
      await step('si_transfer_out', { action: 'complete', effectiveDate: '2024-10-10', data: { lastPaidMonth: '2024-09' } });
      await step('labor_termination', { effectiveDate: '2024-10-10', override: { reason: 'handover signed off by phone' } }, as.manager);
      // Version 2 lowers the Shanghai average to 10,000 (cap 30,000 instead of 36,921); P1's case keeps version 1.
      const current = (await http().get('/api/policies/shanghai/enterprise_contract').set(as.admin).expect(200)).body.current;
      const averageMonthlyWage = [{ year: 2023, amount: 10000, effectiveFrom: '2024-07-01', source: 'e2e test' }];
      const draft = {
        region: 'shanghai',
        category: 'enterprise_contract',
        effectiveFrom: '2000-01-01',
        steps: current.steps,
        parameters: { ...current.parameters, averageMonthlyWage },
      };
      await http().put('/api/policies/shanghai/enterprise_contract').set(as.admin).send(draft).expect(200);
    });

    it('takes the termination date and reason from the recorded separation and uses the policy version the case pinned', async () => {
      const body = await eventually(t, '/api/employees/P1/severance', as.investigator);
      expect(body).toMatchObject({
        serviceMonths: 56,
        capApplied: true,
        monthlyWageUsed: 36921,
        amount: 184605,
        inputs: {
          terminationDate: '2024-09-30',
          reason: 'dismissal',
          regionalAverageMonthlyWage: { amount: 12307 },
          policy: { version: 1, pinnedByCase: caseId },
          takenFrom: { terminationDate: `recorded separation (case ${caseId})`, reason: `recorded separation (case ${caseId})` },
        },
      });
      expect(body.basis[0]).toContain(`pinned by offboarding case ${caseId}`);
    });

    it('uses the version in force on the termination date for an employee without a case: capped at 30,000, 5 × 30,000 = 150,000', async () => {
      const res = await severance('P2', onSeptember30('dismissal')).expect(200);
      expect(res.body).toMatchObject({
        capApplied: true,
        monthlyWageUsed: 30000,
        amount: 150000,
        inputs: { policy: { version: 2, pinnedByCase: null } },
      });
    });
  });
});
