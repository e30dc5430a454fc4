import request from 'supertest';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

describe('policies over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the shipped policies for every region and category', async () => {
    const body = await eventually(t, '/api/policies', as.investigator, (b) => b.items.length >= 16);
    const regions = new Set(body.items.map((p: { region: string }) => p.region));
    expect([...regions].sort()).toEqual(['beijing', 'shanghai', 'shenzhen', 'xiamen']);
    expect(body.items.every((p: { version: number }) => p.version === 1)).toBe(true);
  });

  it('shows one policy with its steps and sourced regional parameters', async () => {
    const res = await http().get('/api/policies/shenzhen/enterprise_regular').set(as.auditor).expect(200);
    expect(res.body.versions).toEqual([1]);
    expect(res.body.current.parameters.siReduction.at(-1)).toMatchObject({
      effectiveFrom: '2024-07-01',
      rule: { kind: 'no_cutoff' },
      source: expect.any(String),
    });
    await http().get('/api/policies/atlantis/enterprise_regular').set(as.auditor).expect(404);
    await http().get('/api/policies/shanghai/intern').set(as.auditor).expect(400);
  });

  describe('publishing', () => {
    let current: any;
    let openBefore: string;
    beforeAll(async () => {
      current = (await http().get('/api/policies/beijing/enterprise_contract').set(as.admin).expect(200)).body.current;
      await http()
        .post('/api/employees')
        .set(as.specialist)
        .send(hireBody({ employeeId: 'B1', region: 'beijing', category: 'enterprise_contract' }))
        .expect(201);
      openBefore = (
        await http()
          .post('/api/offboarding')
          .set(as.specialist)
          .send({ employeeId: 'B1', reason: 'resignation', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
          .expect(201)
      ).body.caseId;
    });
    const draft = (steps = current.steps) => ({
      region: 'beijing',
      category: 'enterprise_contract',
      effectiveFrom: '2000-01-01',
      steps,
      parameters: current.parameters,
    });

    it('is for administrators only', async () => {
      for (const who of [as.manager, as.specialist, as.auditor, as.investigator]) {
        await http().put('/api/policies/beijing/enterprise_contract').set(who).send(draft()).expect(403);
      }
    });

    it('refuses a policy that would let labour termination go before the transfer-out', async () => {
      const weakened = current.steps.map((s: { key: string; requires: Array<{ step: string; kind: string }> }) =>
        s.key === 'labor_termination'
          ? { ...s, requires: s.requires.map((r) => (r.step === 'si_transfer_out' ? { ...r, kind: 'soft' } : r)) }
          : s,
      );
      const res = await http().put('/api/policies/beijing/enterprise_contract').set(as.admin).send(draft(weakened)).expect(400);
      expect(res.body.code).toBe('VALIDATION');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining([expect.stringMatching(/^steps/)]));
    });

    it('publishes a new version that new cases use, while an open case keeps its version', async () => {
      const withoutHousingFund = current.steps.filter((s: { key: string }) => s.key !== 'housing_fund_transfer');
      await http().put('/api/policies/beijing/enterprise_contract').set(as.admin).send(draft(withoutHousingFund)).expect(200);
      expect((await http().get('/api/policies/beijing/enterprise_contract').set(as.admin).expect(200)).body.versions).toEqual([1, 2]);

      await http().post(`/api/offboarding/${openBefore}/cancel`).set(as.specialist).send({ note: 'test' });
      const old = await eventually(t, `/api/offboarding/${openBefore}`, as.specialist);
      expect(old.policy.version).toBe(1);
      expect(old.steps.map((s: { key: string }) => s.key)).toContain('housing_fund_transfer');

      await eventually(t, '/api/employees/B1', as.specialist, (p) => p.openCaseId === null);
      const fresh = (
        await http()
          .post('/api/offboarding')
          .set(as.specialist)
          .send({ employeeId: 'B1', reason: 'resignation', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
          .expect(201)
      ).body.caseId;
      const now = await eventually(t, `/api/offboarding/${fresh}`, as.specialist);
      expect(now.policy.version).toBe(2);
      expect(now.steps.map((s: { key: string }) => s.key)).not.toContain('housing_fund_transfer');
    });
  });
});
