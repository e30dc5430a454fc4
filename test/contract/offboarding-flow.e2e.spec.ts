import type { AddressInfo } from 'node:net';
import { createLedgerClient, LedgerClient } from '../../contract/client';
import type { operations } from '../../contract/schema';
import { startTestApp, TestApp } from '../support/test-app';
import { tokenFor } from '../support/tokens';

type StepOperation = operations['OffboardingController_step'];
type StepKey = StepOperation['parameters']['path']['step'];
type StepBody = StepOperation['requestBody']['content']['application/json'];

/**
 * One whole case over real HTTP through the generated client (contract/), typed from the
 * committed document: a contract change that breaks these calls fails `npm run typecheck`,
 * and one that the service no longer keeps fails here.
 */
describe('an offboarding case through the generated client', () => {
  let t: TestApp;
  let specialist: LedgerClient;
  let manager: LedgerClient;
  beforeAll(async () => {
    t = await startTestApp();
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    specialist = createLedgerClient(baseUrl, tokenFor('hr-spec-7', ['hr_specialist']));
    manager = createLedgerClient(baseUrl, tokenFor('hr-mgr-7', ['hr_manager']));
  });
  afterAll(() => t.close());

  /** A step as the specialist (or the given client); the answer's position, for reading one's own writes. */
  async function step(caseId: string, key: StepKey, body: StepBody = {}, who: LedgerClient = specialist): Promise<string> {
    const { data, error, response } = await who.POST('/api/offboarding/{caseId}/steps/{step}', {
      params: { path: { caseId, step: key } },
      body,
    });
    if (!data) throw new Error(`${key}: ${response.status} ${error?.code} ${error?.message}`);
    return data.position;
  }

  it('hires, enrols, opens a case, refuses 退工 before 社保转出 with its code, and completes the case in order', async () => {
    const hired = await specialist.POST('/api/employees', {
      body: {
        employeeId: 'E7001',
        name: '李四',
        idNumber: '11010519491231002X',
        orgUnit: 'Finance',
        category: 'enterprise_regular',
        region: 'shanghai',
        hireDate: '2020-01-06',
        monthlyWage: 12000,
      },
    });
    expect(hired.response.status).toBe(201);
    expect(hired.data?.employeeId).toBe('E7001');

    const enrolled = await specialist.POST('/api/employees/{id}/social-insurance/enrollment', {
      params: { path: { id: 'E7001' } },
      body: { startMonth: '2020-01', insuranceTypes: ['pension', 'medical', 'unemployment'], contributionBase: 12000 },
    });
    expect(enrolled.response.status).toBe(201);
    for (const month of ['2024-04', '2024-05', '2024-06']) {
      const paid = await specialist.POST('/api/employees/{id}/social-insurance/contributions', {
        params: { path: { id: 'E7001' } },
        body: { month, base: 12000 },
      });
      expect(paid.response.status).toBe(201);
    }

    const opened = await specialist.POST('/api/offboarding', {
      body: { employeeId: 'E7001', reason: 'dismissal', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' },
    });
    const caseId = opened.data?.caseId;
    if (!caseId) throw new Error(`open: ${opened.response.status} ${opened.error?.code}`);

    await step(caseId, 'approval', { effectiveDate: '2024-06-20' }, manager);
    await step(caseId, 'handover', { effectiveDate: '2024-06-28' });

    const refused = await specialist.POST('/api/offboarding/{caseId}/steps/{step}', {
      params: { path: { caseId, step: 'labor_termination' } },
      body: {},
    });
    expect(refused.response.status).toBe(409);
    expect(refused.data).toBeUndefined();
    expect(refused.error?.code).toBe('STEP_LOCKED');
    expect(refused.error?.missing).toEqual(['si_transfer_out']);

    const requested = await specialist.POST('/api/offboarding/{caseId}/steps/{step}', {
      params: { path: { caseId, step: 'si_transfer_out' } },
      body: { action: 'request', effectiveDate: '2024-07-01' },
    });
    expect(requested.data?.notice).toMatchObject({ lastContributionMonth: '2024-06', fileBy: '2024-07-15' });
    await step(caseId, 'si_transfer_out', { action: 'complete', effectiveDate: '2024-07-05', data: { lastPaidMonth: '2024-06' } });
    await step(caseId, 'labor_termination', { effectiveDate: '2024-07-06' });
    let position = '0';
    for (const key of ['housing_fund_transfer', 'termination_certificate', 'archive_transfer', 'severance_payment'] as const) {
      position = await step(caseId, key, { effectiveDate: '2024-07-08' });
    }

    // Read-your-writes: the view answers once it has applied the last step (and the completion it caused).
    const view = await specialist.GET('/api/offboarding/{caseId}', {
      params: { path: { caseId }, header: { 'X-Min-Position': position } },
    });
    expect(view.data?.caseId).toBe(caseId);
    expect(view.data?.steps.map((s) => s.status)).toEqual(view.data?.steps.map(() => 'done'));
    const completed = await eventuallyCompleted(caseId);
    expect(completed).toBe('completed');
  });

  /** The completion is the process manager's command after the last step, so it may land just after that step's position. */
  async function eventuallyCompleted(caseId: string): Promise<string | undefined> {
    for (let tries = 0; tries < 150; tries++) {
      const { data } = await specialist.GET('/api/offboarding/{caseId}', { params: { path: { caseId } } });
      if (data?.status === 'completed') return data.status;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return undefined;
  }
});
