import { ClockedApp, hrApi, settled, startClockedApp } from '../dashboard/clocked-app';
import { eventually } from '../support/http';
import { as } from '../support/tokens';

/**
 * Seven employees, the report read on 2024-08-01 (the application's clock):
 * - R1: contract, enrolled in time: complete, never listed;
 * - R2 李四: no contract; R3 王五: no enrolment; R4 赵六: enrolled from 2024-03 after a 2024-01-10 hire (late);
 * - R5 欧阳娜娜 (Sales, beijing, enterprise_contract): neither contract nor enrolment;
 * - R6 孙七: open case, last working day 2024-07-20: approval, handover and certificate 12 days overdue;
 * - R7 周八: open case, last working day 2024-09-30: nothing due yet.
 */
describe('GET /api/reports/incomplete-records', () => {
  let t: ClockedApp;
  let api: ReturnType<typeof hrApi>;
  let case6: string;
  const URL = '/api/reports/incomplete-records';
  const base = { status: 'employed', openCaseId: null, overdueSteps: [] };
  const finance = { orgUnit: 'Finance', region: 'shanghai', category: 'enterprise_regular' };
  const overdue12 = ['approval', 'handover', 'termination_certificate'].map((key) => ({ key, dueDate: '2024-07-20', daysOverdue: 12 }));
  const rows = () => ({
    R5: {
      ...base,
      employeeId: 'R5',
      name: '欧阳娜娜',
      orgUnit: 'Sales',
      region: 'beijing',
      category: 'enterprise_contract',
      hireDate: '2022-05-01',
      incompleteFrom: '2022-05-01',
      problems: ['no_contract', 'no_enrolment'],
    },
    R3: {
      ...base,
      employeeId: 'R3',
      name: '王五',
      ...finance,
      orgUnit: 'Sales',
      hireDate: '2023-03-01',
      incompleteFrom: '2023-03-01',
      problems: ['no_enrolment'],
    },
    R2: {
      ...base,
      employeeId: 'R2',
      name: '李四',
      ...finance,
      hireDate: '2024-01-10',
      incompleteFrom: '2024-01-10',
      problems: ['no_contract'],
    },
    R4: {
      ...base,
      employeeId: 'R4',
      name: '赵六',
      ...finance,
      hireDate: '2024-01-10',
      incompleteFrom: '2024-01-10',
      problems: ['late_enrolment'],
    },
    R6: {
      ...base,
      employeeId: 'R6',
      name: '孙七',
      ...finance,
      hireDate: '2021-01-04',
      incompleteFrom: '2024-07-21',
      problems: ['open_case_overdue'],
      openCaseId: case6,
      overdueSteps: overdue12,
    },
  });
  const ids = (page: { items: Array<{ employeeId: string }> }) => page.items.map((i) => i.employeeId);

  beforeAll(async () => {
    t = await startClockedApp();
    api = hrApi(t);
    const people: Array<[string, string, Record<string, string>, { contract?: string; enrol?: string }]> = [
      ['R1', '钱一', { hireDate: '2024-01-10' }, { contract: '2024-01-10', enrol: '2024-02' }],
      ['R2', '李四', { hireDate: '2024-01-10' }, { enrol: '2024-01' }],
      ['R3', '王五', { hireDate: '2023-03-01', orgUnit: 'Sales' }, { contract: '2023-03-01' }],
      ['R4', '赵六', { hireDate: '2024-01-10' }, { contract: '2024-01-10', enrol: '2024-03' }],
      ['R5', '欧阳娜娜', { hireDate: '2022-05-01', orgUnit: 'Sales', region: 'beijing', category: 'enterprise_contract' }, {}],
      ['R6', '孙七', { hireDate: '2021-01-04' }, { contract: '2021-01-04', enrol: '2021-01' }],
      ['R7', '周八', { hireDate: '2021-01-04' }, { contract: '2021-01-04', enrol: '2021-01' }],
    ];
    for (const [employeeId, name, over, paperwork] of people) {
      await api.hire('2024-07-01', employeeId, { name, ...over });
      if (paperwork.contract) await api.contract('2024-07-01', employeeId, paperwork.contract);
      if (paperwork.enrol) await api.enrol('2024-07-01', employeeId, paperwork.enrol);
    }
    case6 = await api.open('2024-07-15', 'R6', 'resignation', '2024-07-20');
    await api.open('2024-07-30', 'R7', 'resignation', '2024-09-30');
    t.setToday('2024-08-01');
  }, 60_000);
  afterAll(() => t.close());

  it('lists the records incomplete today, longest incomplete first, with their problems', async () => {
    const r = rows();
    const expected = { items: [r.R5, r.R3, r.R2, r.R4, r.R6], page: 1, pageSize: 50, total: 5 };
    expect(await settled(t, URL, as.manager, expected)).toEqual(expected);
    expect(ids(await api.read(URL, as.specialist))).toEqual(['R5', 'R3', 'R2', 'R4', 'R6']);
  });

  it('masks names for auditors and investigators', async () => {
    for (const who of [as.auditor, as.investigator]) {
      expect((await api.read(URL, who)).items.map((i: { name: string }) => i.name)).toEqual(['欧***', '王*', '李*', '赵*', '孙*']);
    }
    expect((await api.read(URL, as.admin)).items[0].name).toBe('欧阳娜娜');
  });

  it('pages', async () => {
    const r = rows();
    expect(await api.read(`${URL}?pageSize=2&page=2`, as.manager)).toEqual({ items: [r.R2, r.R4], page: 2, pageSize: 2, total: 5 });
    expect(await api.read(`${URL}?pageSize=2&page=4`, as.manager)).toEqual({ items: [], page: 4, pageSize: 2, total: 5 });
  });

  it('filters by org unit, region and category', async () => {
    expect(await api.read(`${URL}?region=beijing`, as.manager)).toMatchObject({ items: [rows().R5], total: 1 });
    expect(ids(await api.read(`${URL}?orgUnit=Finance`, as.manager))).toEqual(['R2', 'R4', 'R6']);
    expect(ids(await api.read(`${URL}?category=enterprise_regular`, as.manager))).toEqual(['R3', 'R2', 'R4', 'R6']);
    expect(ids(await api.read(`${URL}?orgUnit=Sales&region=shanghai&category=enterprise_regular`, as.manager))).toEqual(['R3']);
    expect(await api.read(`${URL}?orgUnit=Nowhere`, as.manager)).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
  });

  it('exports the page as CSV with explicit columns, names still masked, the total in X-Total-Count', async () => {
    const res = await api.http().get(`${URL}?pageSize=10`).set(as.auditor).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['x-total-count']).toBe('5');
    expect(res.text.split('\n')).toEqual([
      '\uFEFFemployeeId,name,status,orgUnit,region,category,hireDate,incompleteFrom,problems,openCaseId,overdueSteps',
      'R5,欧***,employed,Sales,beijing,enterprise_contract,2022-05-01,2022-05-01,no_contract; no_enrolment,,',
      'R3,王*,employed,Sales,shanghai,enterprise_regular,2023-03-01,2023-03-01,no_enrolment,,',
      'R2,李*,employed,Finance,shanghai,enterprise_regular,2024-01-10,2024-01-10,no_contract,,',
      'R4,赵*,employed,Finance,shanghai,enterprise_regular,2024-01-10,2024-01-10,late_enrolment,,',
      `R6,孙*,employed,Finance,shanghai,enterprise_regular,2021-01-04,2024-07-21,open_case_overdue,${case6},` +
        '"approval due 2024-07-20, 12 days overdue; handover due 2024-07-20, 12 days overdue; termination_certificate due 2024-07-20, 12 days overdue"',
      '',
    ]);
    const paged = await api.http().get(`${URL}?pageSize=2&region=shanghai`).set(as.manager).set('Accept', 'text/csv').expect(200);
    expect(paged.text.trim().split('\n')).toHaveLength(3);
    expect(paged.headers['x-total-count']).toBe('4');
  });

  it('follows the records and the calendar: a contract signed drops a record, a due date passing adds one', async () => {
    await api.contract('2024-08-01', 'R2', '2024-01-10');
    t.setToday('2024-10-03');
    const expected = ['R5', 'R3', 'R4', 'R6', 'R7'];
    const page = await eventually(t, URL, as.manager, (b) => ids(b).join() === expected.join());
    expect(page.items[4]).toMatchObject({
      employeeId: 'R7',
      incompleteFrom: '2024-10-01',
      problems: ['open_case_overdue'],
      overdueSteps: ['approval', 'handover', 'termination_certificate'].map((key) => ({ key, dueDate: '2024-09-30', daysOverdue: 3 })),
    });
    expect(page.items[3].overdueSteps).toContainEqual({ key: 'si_transfer_out', dueDate: '2024-08-04', daysOverdue: 60 });
  });

  it('answers 400 listing every bad parameter, 401 without a token', async () => {
    const res = await api
      .http()
      .get(`${URL}?page=0&pageSize=501&region=Shang%20Hai&category=contractor&orgUnit=&colour=blue`)
      .set(as.manager)
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'category',
      'colour',
      'orgUnit',
      'page',
      'pageSize',
      'region',
    ]);
    await api.http().get(URL).expect(401);
  });
});
