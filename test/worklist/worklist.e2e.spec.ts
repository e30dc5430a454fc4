import { ClockedApp, hrApi, startClockedApp } from '../dashboard/clocked-app';
import { caughtUp } from '../support/http';
import { as, bearer, tokenFor } from '../support/tokens';

/**
 * GET /api/worklist: each caller's open tasks by the roles and departments of their
 * token, against the shipped Shanghai policies (every step assigned to HR but the
 * severance payment, finance's, and the school's appointment-term settlement,
 * academic affairs'):
 * - W1: enterprise, dismissal, last working day 2024-07-20, approved on 07-16;
 * - W2: school (编制外), resignation, last working day 2024-09-30, not approved.
 */
describe('worklist', () => {
  let t: ClockedApp;
  let api: ReturnType<typeof hrApi>;
  const cases: Record<string, string> = {};
  const who = {
    hrSpecialist: bearer(tokenFor('spec-hr', ['hr_specialist'], { departments: ['hr'] })),
    financeSpecialist: bearer(tokenFor('spec-fin', ['hr_specialist'], { departments: ['finance'] })),
    academicSpecialist: bearer(tokenFor('spec-aa', ['hr_specialist'], { departments: ['academic_affairs'] })),
    hrManager: bearer(tokenFor('mgr-hr', ['hr_manager'], { departments: ['hr'] })),
    financeManager: bearer(tokenFor('mgr-fin', ['hr_manager'], { departments: ['finance'] })),
    /** Not department keys: ignored, as unknown roles are. */
    oddDepartments: bearer(tokenFor('spec-odd', ['hr_specialist'], { departments: ['HR', 42, '人事'] })),
    auditorInHr: bearer(tokenFor('aud-hr', ['auditor'], { departments: ['hr'] })),
  };
  const tasks = (body: { items: Array<{ caseId: string; step: string }> }) =>
    body.items.map((i) => `${Object.keys(cases).find((k) => cases[k] === i.caseId)} ${i.step}`);

  beforeAll(async () => {
    t = await startClockedApp();
    api = hrApi(t);
    await api.hire('2024-06-01', 'W1');
    await api.hire('2024-06-01', 'W2', { category: 'school_non_establishment' });
    for (const id of ['W1', 'W2']) await api.enrol('2024-06-01', id, '2020-01');
    cases.W1 = await api.open('2024-07-15', 'W1', 'dismissal', '2024-07-20');
    await api.step('2024-07-16', cases.W1, 'approval', {}, as.manager).expect(200);
    cases.W2 = await api.open('2024-07-30', 'W2', 'resignation', '2024-09-30');
    t.setToday('2024-08-01');
    await caughtUp(t);
  }, 60_000);
  afterAll(() => t.close());

  it('gives an HR specialist of hr the HR steps of both cases, soonest due first, undated last', async () => {
    const body = await api.read('/api/worklist', who.hrSpecialist);
    expect(tasks(body)).toEqual([
      'W1 handover',
      'W1 termination_certificate',
      'W1 archive_transfer',
      'W1 labor_termination',
      'W1 si_transfer_out',
      'W1 housing_fund_transfer',
      'W2 handover',
      'W2 termination_certificate',
      'W2 archive_transfer',
      'W2 labor_termination',
      'W2 si_transfer_out',
      'W2 housing_fund_transfer',
      'W2 post_release',
    ]);
    expect(body.total).toBe(13);
  });

  it('describes each task: state and what is missing, due date, days left or overdue, what it unlocks, the assignee', async () => {
    const body = await api.read('/api/worklist?step=labor_termination', who.hrSpecialist);
    expect(body.items[0]).toEqual({
      caseId: cases.W1,
      employeeId: 'W1',
      step: 'labor_termination',
      title: { zh: '退工登记', en: 'labour termination registration (退工)' },
      state: 'locked',
      missing: ['si_transfer_out', 'handover'],
      dueDate: '2024-08-04',
      daysLeft: 3,
      overdue: false,
      daysOverdue: 0,
      unlocks: ['archive_transfer'],
      assignee: { role: 'hr_specialist', department: 'hr' },
      region: 'shanghai',
    });
    const handover = (await api.read('/api/worklist?step=handover', who.hrSpecialist)).items[0];
    expect(handover).toMatchObject({
      caseId: cases.W1,
      state: 'available',
      missing: [],
      dueDate: '2024-07-20',
      daysLeft: -12,
      overdue: true,
      daysOverdue: 12,
    });
  });

  it('gives finance the severance payment and academic affairs the term settlement, and nobody else’s', async () => {
    expect(tasks(await api.read('/api/worklist', who.financeSpecialist))).toEqual(['W1 severance_payment']);
    expect(tasks(await api.read('/api/worklist', who.academicSpecialist))).toEqual(['W2 term_settlement']);
  });

  it('gives an hr_manager the approvals and every task of their departments; a specialist never sees the approval', async () => {
    const manager = tasks(await api.read('/api/worklist', who.hrManager));
    expect(manager).toContain('W2 approval');
    expect(manager).toContain('W1 handover');
    expect(manager).not.toContain('W1 severance_payment');
    expect(tasks(await api.read('/api/worklist', who.hrSpecialist))).not.toContain('W2 approval');
    expect(tasks(await api.read('/api/worklist', who.financeManager))).toEqual(['W1 severance_payment']);
  });

  it('gives nothing to a token without departments, or whose departments are not department keys', async () => {
    expect(await api.read('/api/worklist', as.specialist)).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    expect((await api.read('/api/worklist', who.oddDepartments)).total).toBe(0);
  });

  it('filters by step, region, overdue and department, and pages', async () => {
    expect(tasks(await api.read('/api/worklist?overdue=true', who.hrSpecialist))).toEqual(['W1 handover', 'W1 termination_certificate']);
    expect((await api.read('/api/worklist?region=beijing', who.hrSpecialist)).total).toBe(0);
    expect((await api.read('/api/worklist?region=shanghai', who.hrSpecialist)).total).toBe(13);
    expect(tasks(await api.read('/api/worklist?department=hr&step=approval', who.hrManager))).toEqual(['W2 approval']);
    expect((await api.read('/api/worklist?department=finance', who.hrSpecialist)).total).toBe(0);
    const page = await api.read('/api/worklist?page=2&pageSize=5', who.hrSpecialist);
    expect({ ...page, items: tasks(page) }).toEqual({
      items: ['W1 housing_fund_transfer', 'W2 handover', 'W2 termination_certificate', 'W2 archive_transfer', 'W2 labor_termination'],
      page: 2,
      pageSize: 5,
      total: 13,
    });
  });

  it('drops a task once its step is done', async () => {
    await api.step('2024-08-01', cases.W1, 'handover').expect(200);
    await caughtUp(t);
    expect(tasks(await api.read('/api/worklist?overdue=true', who.hrSpecialist))).toEqual(['W1 termination_certificate']);
  });

  it.each([
    ['department=IT', 'department must be a lower-case department key, e.g. hr, it, finance'],
    ['step=coffee', 'step must be one of'],
    ['overdue=yes', 'overdue must be true or false'],
    ['region=Shanghai', 'region must be a lower-case region key'],
    ['pageSize=0', 'pageSize'],
  ])('answers 400 naming the field for %s', async (query, message) => {
    const res = await api.http().get(`/api/worklist?${query}`).set(who.hrSpecialist).expect(400);
    expect(JSON.stringify(res.body)).toContain(message);
  });

  it('is for those who do steps: an auditor gets 403, and a departments claim changes no masking', async () => {
    await api.http().get('/api/worklist').set(who.auditorInHr).expect(403);
    const profile = await api.read('/api/employees/W1', who.auditorInHr);
    expect(profile.name).not.toBe('张三');
    expect((await api.read('/api/employees/W1', who.hrSpecialist)).name).toBe('张三');
  });

  it('documents the route with its answer’s schema', async () => {
    const doc = (await api.http().get('/docs-json').expect(200)).body;
    const ok = doc.paths['/api/worklist'].get.responses['200'];
    expect(ok.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/WorklistPageView' });
    expect(Object.keys(doc.components.schemas.WorklistTaskView.properties)).toContain('daysLeft');
  });
});
