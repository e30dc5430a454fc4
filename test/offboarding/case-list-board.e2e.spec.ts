import request from 'supertest';
import { hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/**
 * What the cases board (issue 14) reads in one request: each line of GET /api/offboarding carries the
 * employee's name as the caller may see it, the steps with their details, the step the case waits on and
 * the transfer-out notice; GET /api/offboarding/{caseId} carries the same steps.
 */
describe('the case list and view, as a board reads them (HTTP)', () => {
  let t: TestApp;
  let caseId: string;
  let closedId: string;
  const http = () => request(t.app.getHttpServer());
  const step = (id: string, key: string, body: Record<string, unknown>, who = as.manager) =>
    http().post(`/api/offboarding/${id}/steps/${key}`).set(who).send(body).expect(200);
  let position = '0';
  const read = (path: string, who: Record<string, string>) => http().get(path).set(who).set('X-Min-Position', position).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    for (const [employeeId, name] of [
      ['E3001', '王小明'],
      ['E3002', '李四'],
    ]) {
      await http().post('/api/employees').set(as.specialist).send(hireBody({ employeeId, name })).expect(201);
      await http()
        .post(`/api/employees/${employeeId}/social-insurance/enrollment`)
        .set(as.specialist)
        .send({ startMonth: '2020-01', insuranceTypes: ['pension', 'medical'], contributionBase: 12000 })
        .expect(201);
    }
    const open = (employeeId: string) =>
      http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId, reason: 'resignation', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
        .expect(201);
    caseId = (await open('E3001')).body.caseId;
    closedId = (await open('E3002')).body.caseId;
    await step(caseId, 'approval', { effectiveDate: '2024-06-20' });
    const requested = await step(caseId, 'si_transfer_out', { action: 'request', effectiveDate: '2024-07-01' });
    expect(requested.body.notice).toMatchObject({ lastContributionMonth: '2024-06', fileBy: '2024-07-15' });
    position = (await http().post(`/api/offboarding/${closedId}/cancel`).set(as.specialist).send({ note: 'withdrawn' }).expect(200)).body
      .position;
  });
  afterAll(() => t.close());

  const line = async (who: Record<string, string>, id = caseId) =>
    ((await read('/api/offboarding', who)).body.items as Array<Record<string, any>>).find((c) => c.caseId === id)!;

  it('names the employee for HR and admin, masked for auditors and investigators', async () => {
    expect((await line(as.specialist)).name).toBe('王小明');
    expect((await line(as.manager)).name).toBe('王小明');
    expect((await line(as.admin)).name).toBe('王小明');
    expect((await line(as.auditor)).name).toBe('王**');
    expect((await line(as.investigator)).name).toBe('王**');
    expect((await line(as.investigator, closedId)).name).toBe('李*');
  });

  it('gives each line the steps as the case view has them, the step it waits on and the notice awaiting the bureau', async () => {
    const view = (await read(`/api/offboarding/${caseId}`, as.specialist)).body;
    const item = await line(as.specialist);
    expect(item.steps).toEqual(view.steps);
    expect(item.waitingOn).toBe(view.waitingOn);
    expect(item.transferOutNotice).toEqual(view.transferOutNotice);
    expect(view.transferOutNotice).toEqual({
      requestedOn: '2024-07-01',
      lastContributionMonth: '2024-06',
      fileBy: '2024-07-15',
      predictedGapMonths: 0,
      warnings: [],
    });
    // Handover (soft after approval) is the first step open to work; the transfer-out awaits the bureau.
    expect(view.waitingOn).toBe('handover');
    const byKey = Object.fromEntries(view.steps.map((s: { key: string }) => [s.key, s]));
    expect(byKey.si_transfer_out).toMatchObject({ status: 'in_progress', actions: ['request', 'complete', 'reject'] });
    expect(byKey.labor_termination).toMatchObject({
      status: 'locked',
      missing: expect.arrayContaining(['si_transfer_out', 'handover']),
      prerequisites: expect.arrayContaining([
        { step: 'si_transfer_out', kind: 'hard' },
        { step: 'handover', kind: 'soft' },
      ]),
      assignee: { role: 'hr_specialist', department: 'hr' },
      title: { zh: '退工登记', en: expect.stringContaining('labour termination') },
      overdue: true,
      daysOverdue: expect.any(Number),
    });
    expect(byKey.labor_termination.daysLeft).toBe(-byKey.labor_termination.daysOverdue);
    expect(byKey.approval).toMatchObject({ status: 'done', role: 'hr_manager', daysLeft: null, daysOverdue: 0 });
  });

  it('has no step waited on and no notice for a closed case, and keeps the filters', async () => {
    expect(await line(as.auditor, closedId)).toMatchObject({ status: 'cancelled', waitingOn: null, transferOutNotice: null });
    const open = (await read('/api/offboarding?status=open', as.auditor)).body.items.map((c: { caseId: string }) => c.caseId);
    expect(open).toContain(caseId);
    expect(open).not.toContain(closedId);
    const overdue = (await read('/api/offboarding?overdue=true', as.investigator)).body.items;
    expect(overdue.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    expect(overdue[0].name).toBe('王**');
  });

  it('documents both answers with schemas naming exactly the fields they carry', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body;
    const schema = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema;
    expect(schema('/api/offboarding')).toEqual({ $ref: '#/components/schemas/CaseListView' });
    expect(schema('/api/offboarding/{caseId}')).toEqual({ $ref: '#/components/schemas/CaseView' });
    const fields = (name: string) => Object.keys(doc.components.schemas[name].properties).sort();
    const view = (await read(`/api/offboarding/${caseId}`, as.auditor)).body;
    const item = await line(as.auditor);
    expect(Object.keys(view).sort()).toEqual(fields('CaseView'));
    expect(Object.keys(item).sort()).toEqual(fields('CaseSummaryView'));
    expect(Object.keys(view.steps[0]).sort()).toEqual(fields('CaseStepView'));
    expect(Object.keys(view.transferOutNotice).sort()).toEqual(fields('TransferOutNoticeView'));
  });
});
