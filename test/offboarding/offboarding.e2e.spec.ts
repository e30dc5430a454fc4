import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';
import { businessMonth } from '../../src/infrastructure/business-day';

describe('offboarding over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const step = (caseId: string, key: string, body: Record<string, unknown> = {}, who = as.specialist) =>
    http().post(`/api/offboarding/${caseId}/steps/${key}`).set(who).send(body);

  async function hireAndEnrol(employeeId: string, over: Record<string, unknown> = {}) {
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId, ...over }))
      .expect(201);
    await http()
      .post(`/api/employees/${employeeId}/social-insurance/enrollment`)
      .set(as.specialist)
      .send({ startMonth: '2020-01', insuranceTypes: ['pension', 'medical', 'unemployment'], contributionBase: 12000 })
      .expect(201);
    for (const month of ['2024-04', '2024-05', '2024-06']) {
      await http()
        .post(`/api/employees/${employeeId}/social-insurance/contributions`)
        .set(as.specialist)
        .send({ month, base: 12000 })
        .expect(201);
    }
  }

  /** Opened in June 2024, as the cases below run in the summer of 2024 (entered after the fact). */
  async function openCase(employeeId: string, reason = 'dismissal'): Promise<string> {
    const res = await http()
      .post('/api/offboarding')
      .set(as.specialist)
      .send({ employeeId, reason, lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
      .expect(201);
    expect(res.body).toMatchObject({ caseId: expect.any(String), stream: `offboarding-${res.body.caseId}`, revision: 0 });
    return res.body.caseId;
  }

  async function transferOut(caseId: string) {
    const requested = await step(caseId, 'si_transfer_out', { action: 'request', effectiveDate: '2024-07-01' }).expect(200);
    await step(caseId, 'si_transfer_out', { action: 'complete', effectiveDate: '2024-07-05', data: { lastPaidMonth: '2024-06' } }).expect(
      200,
    );
    return requested.body.notice;
  }

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('a complete enterprise case (shanghai, enterprise_regular, dismissal)', () => {
    let caseId: string;
    beforeAll(async () => {
      await hireAndEnrol('E2001');
      caseId = await openCase('E2001');
    });

    it('refuses a second open case for the same person', async () => {
      const res = await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId: 'E2001', reason: 'resignation', lastWorkingDay: '2024-06-30' })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'OPEN_CASE_EXISTS', openCaseId: caseId });
    });

    it('shows the pinned policy and each step with its status, prerequisites and due date', async () => {
      const view = await eventually(t, `/api/offboarding/${caseId}`, as.investigator);
      expect(view).toMatchObject({
        caseId,
        employeeId: 'E2001',
        status: 'open',
        policy: { region: 'shanghai', category: 'enterprise_regular', version: 1 },
      });
      const byKey = Object.fromEntries(view.steps.map((s: { key: string }) => [s.key, s]));
      expect(Object.keys(byKey).sort()).toEqual([
        'approval',
        'archive_transfer',
        'handover',
        'housing_fund_transfer',
        'labor_termination',
        'severance_payment',
        'si_transfer_out',
        'termination_certificate',
      ]);
      expect(byKey.approval.status).toBe('available');
      expect(byKey.labor_termination).toMatchObject({
        status: 'locked',
        requires: expect.arrayContaining(['si_transfer_out']),
        dueDate: '2024-07-15',
      });
    });

    it('lets only an hr_manager approve', async () => {
      expect((await step(caseId, 'approval').expect(403)).body.code).toBe('ROLE_REQUIRED');
      await step(caseId, 'approval', { effectiveDate: '2024-06-20' }, as.manager).expect(200);
    });

    it('refuses labour termination before the social-insurance transfer-out, saying what to do first', async () => {
      const res = await step(caseId, 'labor_termination').expect(409);
      expect(res.body).toMatchObject({ code: 'STEP_LOCKED', missing: expect.arrayContaining(['si_transfer_out']) });
      expect(res.body.message).toMatch(/社保转出/);
      expect(res.body.message).toMatch(/transfer-out/);
      const forced = await step(caseId, 'labor_termination', { override: { reason: 'urgent' } }, as.manager).expect(409);
      expect(forced.body.code).toBe('STEP_LOCKED');
    });

    it('takes a bureau rejection, a new request and the completion, and answers the request with the notice', async () => {
      const first = await step(caseId, 'si_transfer_out', { action: 'request', effectiveDate: '2024-07-01' }).expect(200);
      expect(first.body.notice).toMatchObject({ lastContributionMonth: '2024-06', fileBy: '2024-07-15' });
      await step(caseId, 'si_transfer_out', {
        action: 'reject',
        effectiveDate: '2024-07-03',
        note: '材料不全 / documents incomplete',
      }).expect(200);
      expect(
        (await step(caseId, 'si_transfer_out', { action: 'complete', data: { lastPaidMonth: '2024-06' } }).expect(409)).body.code,
      ).toBe('TRANSFER_NOT_REQUESTED');
      await step(caseId, 'si_transfer_out', { action: 'request', effectiveDate: '2024-07-04' }).expect(200);
      await step(caseId, 'si_transfer_out', { action: 'complete', effectiveDate: '2024-07-05', data: { lastPaidMonth: '2024-06' } }).expect(
        200,
      );
      const view = await eventually(
        t,
        `/api/offboarding/${caseId}`,
        as.specialist,
        (v) => v.socialInsuranceTransfer.status === 'completed',
      );
      expect(view.socialInsuranceTransfer.attempts).toHaveLength(2);
    });

    it('closes the social-insurance account at the last paid month', async () => {
      const profile = await eventually(t, '/api/employees/E2001', as.specialist, (p) => p.socialInsurance?.transferOut !== null);
      expect(profile.socialInsurance.transferOut).toMatchObject({ caseId, lastPaidMonth: '2024-06' });
      const after = await http()
        .post('/api/employees/E2001/social-insurance/contributions')
        .set(as.specialist)
        .send({ month: '2024-07', base: 12000 })
        .expect(409);
      expect(after.body.code).toBe('CONTRIBUTION_AFTER_TRANSFER_OUT');
    });

    it('lets a manager override the soft handover prerequisite with a written reason, and no one else', async () => {
      const locked = await step(caseId, 'labor_termination').expect(409);
      expect(locked.body).toMatchObject({ code: 'STEP_LOCKED', missing: ['handover'] });
      expect((await step(caseId, 'labor_termination', { override: { reason: 'x' } }).expect(409)).body.code).toBe('OVERRIDE_NOT_ALLOWED');
      await step(
        caseId,
        'labor_termination',
        { effectiveDate: '2024-07-06', override: { reason: 'Handover signed off by the department head by phone' } },
        as.manager,
      ).expect(200);
      const view = await eventually(t, `/api/offboarding/${caseId}`, as.specialist, (v) => v.terminationDate !== null);
      expect(view.overrides).toEqual([expect.objectContaining({ step: 'labor_termination', overridden: ['handover'] })]);
    });

    it('refuses to cancel after labour termination', async () => {
      expect(
        (await http().post(`/api/offboarding/${caseId}/cancel`).set(as.specialist).send({ note: 'changed mind' }).expect(409)).body.code,
      ).toBe('CASE_CLOSED');
    });

    it('completes by itself when every required step is done, and records the separation', async () => {
      for (const key of ['handover', 'housing_fund_transfer', 'termination_certificate', 'archive_transfer', 'severance_payment']) {
        await step(caseId, key, { effectiveDate: '2024-07-08' }).expect(200);
      }
      await eventually(t, `/api/offboarding/${caseId}`, as.specialist, (v) => v.status === 'completed');
      const profile = await eventually(t, '/api/employees/E2001', as.specialist, (p) => p.status === 'separated' && p.openCaseId === null);
      expect(profile.separation).toMatchObject({ caseId, terminationDate: '2024-06-30', reason: 'dismissal' });
      expect((await step(caseId, 'handover').expect(409)).body.code).toBe('CASE_CLOSED');
    });

    it('has recorded every refused step command in the refusal log', async () => {
      const events: EventStore = t.app.get(EVENT_STORE);
      const month = businessMonth(new Date());
      const refusals = (await events.readStream(`audit-${month}`)).filter(
        (e) => (e.data as { subjects: { caseId?: string } }).subjects.caseId === caseId,
      );
      expect(refusals.map((e) => (e.data as { code: string }).code)).toEqual([
        'ROLE_REQUIRED',
        'STEP_LOCKED',
        'STEP_LOCKED',
        'TRANSFER_NOT_REQUESTED',
        'STEP_LOCKED',
        'OVERRIDE_NOT_ALLOWED',
        'CASE_CLOSED',
        'CASE_CLOSED',
      ]);
      expect(refusals[1].data).toMatchObject({
        step: 'labor_termination',
        missing: expect.arrayContaining(['si_transfer_out']),
        subjects: { employeeId: 'E2001' },
      });
      expect(refusals[1].metadata).toMatchObject({ actor: { id: 'hr-spec-1' } });
    });
  });

  describe('a complete school case (编制内, school_establishment, contract expiry)', () => {
    it('walks the school steps, with post and establishment release after labour termination', async () => {
      await hireAndEnrol('T3001', { category: 'school_establishment', orgUnit: 'Mathematics' });
      const caseId = await openCase('T3001', 'contract_expiry');
      const view = await eventually(t, `/api/offboarding/${caseId}`, as.specialist);
      const keys = view.steps.map((s: { key: string }) => s.key);
      expect(keys).toEqual(expect.arrayContaining(['term_settlement', 'post_release', 'establishment_release', 'severance_payment']));
      await step(caseId, 'approval', { effectiveDate: '2024-06-20' }, as.manager).expect(200);
      expect((await step(caseId, 'post_release').expect(409)).body).toMatchObject({
        code: 'STEP_LOCKED',
        missing: expect.arrayContaining(['labor_termination']),
      });
      await step(caseId, 'handover', { effectiveDate: '2024-06-28' }).expect(200);
      await step(caseId, 'term_settlement', { effectiveDate: '2024-06-28' }).expect(200);
      expect((await step(caseId, 'labor_termination').expect(409)).body.missing).toEqual(['si_transfer_out']);
      await transferOut(caseId);
      await step(caseId, 'labor_termination', { effectiveDate: '2024-07-06' }).expect(200);
      for (const key of keys.filter(
        (k: string) => !['approval', 'handover', 'term_settlement', 'si_transfer_out', 'labor_termination'].includes(k),
      )) {
        await step(caseId, key, { effectiveDate: '2024-07-08' }).expect(200);
      }
      const done = await eventually(t, `/api/offboarding/${caseId}`, as.auditor, (v) => v.status === 'completed');
      expect(done.steps.every((s: { status: string }) => s.status === 'done')).toBe(true);
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of 20 parallel completions of the same step succeed; the rest get 409, none 500', async () => {
      await hireAndEnrol('E4001');
      const caseId = await openCase('E4001');
      await step(caseId, 'approval', {}, as.manager).expect(200);
      const results = await Promise.all(Array.from({ length: 20 }, () => step(caseId, 'handover')));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      for (const r of results.filter((x) => x.status === 409)) expect(['STEP_ALREADY_DONE', 'CONCURRENCY']).toContain(r.body.code);
    });
  });

  describe('cancelling', () => {
    it('cancels before labour termination and lets a new case be opened', async () => {
      await hireAndEnrol('E5001');
      const caseId = await openCase('E5001', 'resignation');
      await http().post(`/api/offboarding/${caseId}/cancel`).set(as.specialist).send({ note: 'Resignation withdrawn' }).expect(200);
      await eventually(t, '/api/employees/E5001', as.specialist, (p) => p.openCaseId === null);
      const again = await openCase('E5001', 'resignation');
      expect(again).not.toBe(caseId);
      const open = await eventually(t, '/api/offboarding?status=open&employeeId=E5001', as.specialist, (b) => b.items.length === 1);
      expect(open.items[0].caseId).toBe(again);
    });

    it('answers 404 for an unknown employee or case, and 400 for an unknown step', async () => {
      await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId: 'NOPE', reason: 'resignation', lastWorkingDay: '2024-06-30' })
        .expect(404);
      await http().get('/api/offboarding/CNOPE').set(as.specialist).expect(404);
      expect((await step('CNOPE', 'approval', {}, as.manager).expect(404)).body.code).toBe('CASE_NOT_FOUND');
      expect((await step('CNOPE', 'coffee_break').expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'step' })]);
      const bad = await step('CNOPE', 'handover', {
        action: 'finish',
        effectiveDate: '2024-02-30',
        data: { lastPaidMonth: '2024-00' },
      }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['action', 'data.lastPaidMonth', 'effectiveDate']);
    });
  });

  describe('roles', () => {
    it.each([
      ['auditor', as.auditor],
      ['investigator', as.investigator],
      ['admin', as.admin],
    ])('refuses step commands from an %s with 403', async (_, who) => {
      await step('CANY', 'handover', {}, who).expect(403);
      await http()
        .post('/api/offboarding')
        .set(who)
        .send({ employeeId: 'E2001', reason: 'resignation', lastWorkingDay: '2024-06-30' })
        .expect(403);
    });

    it('answers 401 without a token', async () => {
      await http().get('/api/offboarding').expect(401);
      await http().post('/api/offboarding/CANY/steps/handover').send({}).expect(401);
    });
  });
});
