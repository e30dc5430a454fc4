import { eventually } from '../support/http';
import { as } from '../support/tokens';
import { ClockedApp, hrApi, startClockedApp } from '../dashboard/clocked-app';

/**
 * 退工 filed and rejected by the employment service (驳回, docs/LAW.md §1.6), then
 * corrected and filed again, over HTTP: the rejection is its own event, the step
 * shows `rejected` until the re-filing is accepted, the timeline shows it and the
 * dashboard counts it as a failed filing beside the transfer-out's.
 */
describe('labour termination (退工) rejected by the bureau and filed again', () => {
  let t: ClockedApp;
  let api: ReturnType<typeof hrApi>;
  let caseId: string;
  const ok = (day: string, key: string, body: Record<string, unknown> = {}, who = as.specialist) =>
    api.step(day, caseId, key, body, who).expect(200);
  const stepOf = (view: { steps: Array<{ key: string }> }, key: string) => view.steps.find((s) => s.key === key) as any;

  beforeAll(async () => {
    t = await startClockedApp();
    api = hrApi(t);
    await api.hire('2024-01-02', 'R1');
    await api.enrol('2024-01-02', 'R1', '2020-01');
    caseId = await api.open('2024-06-20', 'R1', 'dismissal', '2024-06-30');
    await ok('2024-06-20', 'approval', {}, as.manager);
    await ok('2024-06-21', 'handover');
    await ok('2024-07-01', 'si_transfer_out', { action: 'request' });
    await ok('2024-07-03', 'si_transfer_out', { data: { lastPaidMonth: '2024-06' } });
  });
  afterAll(() => t.close());

  it('needs the bureau’s reason', async () => {
    const res = await api.step('2024-07-04', caseId, 'labor_termination', { action: 'reject' }).expect(409);
    expect(res.body.code).toBe('REJECTION_REASON_REQUIRED');
  });

  it('records the rejection; the step stays not done and shows rejected', async () => {
    await ok('2024-07-04', 'labor_termination', { action: 'reject', note: '退工原因与合同不符 / reason does not match the contract' });
    const view = await eventually(
      t,
      `/api/offboarding/${caseId}`,
      as.specialist,
      (v) => stepOf(v, 'labor_termination').status === 'rejected',
    );
    expect(stepOf(view, 'labor_termination')).toMatchObject({ status: 'rejected', doneOn: null });
    expect(view.laborTerminationRejections).toEqual([
      { rejectedOn: '2024-07-04', reason: '退工原因与合同不符 / reason does not match the contract' },
    ]);
    expect(view.terminationDate).toBeNull();
    // The archive is not separated by a rejected filing.
    const profile = await api.read('/api/employees/R1', as.specialist);
    expect(profile.status).toBe('employed');
  });

  it('does not offer the transfer-out’s request action for 退工', async () => {
    const res = await api.step('2024-07-05', caseId, 'labor_termination', { action: 'request' }).expect(409);
    expect(res.body.code).toBe('ACTION_NOT_SUPPORTED');
  });

  it('registers 退工 when the corrected filing is accepted, and the archive separates', async () => {
    await ok('2024-07-08', 'labor_termination', { action: 'complete' });
    const view = await eventually(t, `/api/offboarding/${caseId}`, as.specialist, (v) => stepOf(v, 'labor_termination').status === 'done');
    expect(stepOf(view, 'labor_termination')).toMatchObject({ status: 'done', doneOn: '2024-07-08' });
    expect(view.terminationDate).toBe('2024-06-30');
    await eventually(t, '/api/employees/R1', as.specialist, (p) => p.status === 'separated');
    const again = await api.step('2024-07-09', caseId, 'labor_termination', { action: 'reject', note: 'late' }).expect(409);
    expect(again.body.code).toBe('STEP_ALREADY_DONE');
  });

  it('shows the rejection on the timeline, without the free-text reason', async () => {
    const timeline = await eventually(t, '/api/employees/R1/timeline', as.investigator, (b) =>
      b.items.some((i: { type: string }) => i.type === 'LaborTerminationRejected'),
    );
    const item = timeline.items.find((i: { type: string }) => i.type === 'LaborTerminationRejected');
    expect(item.effectiveDate).toBe('2024-07-04');
    expect(JSON.stringify(item.summary)).toMatch(/驳回/);
    expect(JSON.stringify(item.summary)).toMatch(/rejected/);
    expect(JSON.stringify(item.summary)).not.toMatch(/合同不符/);
  });

  it('counts 退工 filings and rejections on the dashboard, beside the transfer-out’s', async () => {
    const body = await eventually(
      t,
      '/api/dashboard/offboarding?from=2024-06-01&to=2024-07-31',
      as.manager,
      (b) => b.laborTerminationFilingSuccessRate !== null,
    );
    expect(body).toMatchObject({
      siTransferSuccessRate: 1,
      laborTerminationFilingSuccessRate: 0.5,
      filingRejections: { siTransferOut: 0, laborTermination: 1 },
    });
    // By the day the bureau answered: the accepted re-filing of 07-08 only.
    const later = await api.read('/api/dashboard/offboarding?from=2024-07-05&to=2024-07-31', as.manager);
    expect(later).toMatchObject({
      siTransferSuccessRate: null,
      laborTerminationFilingSuccessRate: 1,
      filingRejections: { siTransferOut: 0, laborTermination: 0 },
    });
  });

  it('keeps refusing reject for a case pinned to a policy version whose 退工 takes only complete', async () => {
    const current = (await api.http().get('/api/policies/shanghai/enterprise_contract').set(as.admin).expect(200)).body.current;
    const steps = current.steps.map((s: { key: string }) => (s.key === 'labor_termination' ? { ...s, actions: 'complete' } : s));
    t.setToday('2024-01-03');
    await api
      .http()
      .put('/api/policies/shanghai/enterprise_contract')
      .set(as.admin)
      .send({ ...current, version: undefined, effectiveFrom: '2024-01-01', steps })
      .expect(200);
    await api.hire('2024-01-03', 'R2', { category: 'enterprise_contract' });
    const old = await api.open('2024-06-20', 'R2', 'dismissal', '2024-06-30');
    await api.step('2024-06-20', old, 'approval', {}, as.manager).expect(200);
    await api.step('2024-06-21', old, 'handover').expect(200);
    await api.step('2024-07-01', old, 'si_transfer_out', { action: 'request' }).expect(200);
    await api.step('2024-07-03', old, 'si_transfer_out', { data: { lastPaidMonth: '2024-06' } }).expect(200);
    const res = await api.step('2024-07-04', old, 'labor_termination', { action: 'reject', note: 'returned' }).expect(409);
    expect(res.body).toMatchObject({ code: 'ACTION_NOT_SUPPORTED', step: 'labor_termination', action: 'reject' });
  });
});
