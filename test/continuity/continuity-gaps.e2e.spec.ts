import request from 'supertest';
import { caughtUp, eventually, hireBody } from '../support/http';
import { as } from '../support/tokens';
import { describeOnEachReadStore, employeeWithContributions } from './continuity-app';

/**
 * R1 (Finance, shanghai, regular): pension paid 2024-01 and 2024-03: gap 2024-02.
 * R2 (Finance, shanghai, regular): pension paid 2024-01..03: first gap 2024-04.
 * R3 (IT, beijing, contract): both types 2024-01, pension only 2024-02: unemployment gap from 2024-02, pension from 2024-03.
 * R4 (Maths, shanghai, school): never enrolled, never listed.
 * The clock says 2025-03-15, so `through` defaults to 2025-02.
 */
describeOnEachReadStore('continuity-gaps report over HTTP', '2025-03-15T10:00:00.000Z', (app) => {
  const http = () => request(app().app.getHttpServer());
  const report = (query: string) => `/api/reports/continuity-gaps${query}`;
  const gap = (from: string, to: string, months: number) => ({ from, to, months });
  const person = { orgUnit: 'Finance', region: 'shanghai', category: 'enterprise_regular' };

  beforeAll(async () => {
    await employeeWithContributions(app(), { employeeId: 'R1', name: '李四' }, '2024-01', ['pension'], ['2024-01', '2024-03']);
    await employeeWithContributions(app(), { employeeId: 'R2', name: '王五' }, '2024-01', ['pension'], ['2024-01', '2024-02', '2024-03']);
    await employeeWithContributions(
      app(),
      { employeeId: 'R3', name: '赵六', orgUnit: 'IT', region: 'beijing', category: 'enterprise_contract' },
      '2024-01',
      ['pension', 'unemployment'],
      ['2024-01', ['2024-02', ['pension']]],
    );
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'R4', name: '孙七', orgUnit: 'Maths', category: 'school_establishment' }))
      .expect(201);
    // Both read models (index and profiles) caught up: listing all three is not enough, R3's last payment may still be on its way.
    await eventually(
      app(),
      report('?through=2025-02'),
      as.specialist,
      (b) => b.total === 3 && b.items.every((i: { name: string | null }) => i.name !== null),
    );
    await caughtUp(app());
  });

  it('lists the employees with a gap up to `through`, the longest-standing first, with each type’s gap summary', async () => {
    const body = (await http().get(report('?through=2024-03')).set(as.manager).expect(200)).body;
    expect(body).toEqual({
      items: [
        { employeeId: 'R1', name: '李四', ...person, types: { pension: { gapMonths: 1, firstGap: gap('2024-02', '2024-02', 1) } } },
        {
          employeeId: 'R3',
          name: '赵六',
          orgUnit: 'IT',
          region: 'beijing',
          category: 'enterprise_contract',
          types: {
            pension: { gapMonths: 1, firstGap: gap('2024-03', '2024-03', 1) },
            unemployment: { gapMonths: 2, firstGap: gap('2024-02', '2024-03', 2) },
          },
        },
      ],
      page: 1,
      pageSize: 50,
      total: 2,
      through: '2024-03',
    });
  });

  it('counts the months after the last contribution as a gap once `through` passes them, and defaults `through` to the month before today', async () => {
    const april = (await http().get(report('?through=2024-04')).set(as.specialist).expect(200)).body;
    expect(april.items.map((i: { employeeId: string }) => i.employeeId)).toEqual(['R1', 'R3', 'R2']);
    expect(april.items[0].types.pension).toEqual({ gapMonths: 2, firstGap: gap('2024-02', '2024-02', 1) });
    const byDefault = (await http().get(report('')).set(as.specialist).expect(200)).body;
    expect(byDefault).toMatchObject({ through: '2025-02', total: 3 });
  });

  it.each([
    ['?orgUnit=Finance', ['R1', 'R2']],
    ['?region=beijing', ['R3']],
    ['?category=enterprise_contract', ['R3']],
    ['?region=shanghai&category=enterprise_regular', ['R1', 'R2']],
    ['?orgUnit=Maths', []],
  ])('filters by org unit, region and category: %s', async (filter, ids) => {
    const body = (
      await http()
        .get(report(`${filter}&through=2024-04`))
        .set(as.specialist)
        .expect(200)
    ).body;
    expect([body.items.map((i: { employeeId: string }) => i.employeeId), body.total]).toEqual([ids, ids.length]);
  });

  it('pages: page 2 of size 2 holds the third employee, and the total stays', async () => {
    const body = (await http().get(report('?through=2024-04&page=2&pageSize=2')).set(as.specialist).expect(200)).body;
    expect(body).toMatchObject({ page: 2, pageSize: 2, total: 3, through: '2024-04' });
    expect(body.items.map((i: { employeeId: string }) => i.employeeId)).toEqual(['R2']);
  });

  it('masks names for auditors and investigators', async () => {
    for (const who of [as.auditor, as.investigator]) {
      const body = (await http().get(report('?through=2024-03')).set(who).expect(200)).body;
      expect(body.items.map((i: { name: string }) => i.name)).toEqual(['李*', '赵*']);
    }
  });

  it('exports CSV with fixed columns; a masked name stays masked', async () => {
    const res = await http().get(report('?through=2024-03')).set(as.auditor).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="continuity-gaps-2024-03-page-1.csv"');
    const types = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'];
    expect(res.text.split('\n')).toEqual([
      `\uFEFFemployeeId,name,orgUnit,region,category,${types.map((x) => `${x}GapMonths,${x}FirstGapFrom,${x}FirstGapTo`).join(',')}`,
      'R1,李*,Finance,shanghai,enterprise_regular,1,2024-02,2024-02,,,,,,,,,,,,',
      'R3,赵*,IT,beijing,enterprise_contract,1,2024-03,2024-03,,,,2,2024-02,2024-03,,,,,,',
      '',
    ]);
  });

  it('answers 400 naming every bad query value', async () => {
    const res = await http()
      .get(report('?through=2024-13&category=staff&region=Shanghai&page=0&pageSize=501'))
      .set(as.specialist)
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'page', 'pageSize', 'region', 'through']);
    for (const query of ['?employeeId=R1', '?page=1000001', '?page=1e300', '?through='])
      await http().get(report(query)).set(as.specialist).expect(400);
  });

  it('answers 401 without a token and lets every role read it (specialists included)', async () => {
    await http().get(report('')).expect(401);
    for (const who of Object.values(as)) await http().get(report('')).set(who).expect(200);
  });
});
