import request from 'supertest';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, tokenFor } from '../support/tokens';

interface Item {
  position: string;
  stream: string;
  revision: string;
  hash: string | null;
  type: string;
  recordedAt: string;
  effectiveDate: string;
  actor: { id: string; role: string };
  summary: { zh: string; en: string };
  eventId: string;
}

const EMPLOYEE = 'E7001';
const TIMELINE = `/api/employees/${EMPLOYEE}/timeline`;
const ALL = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The same instant written in China Standard Time. */
const inShanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00');
const month = (item: Item) => /contribution for (\d{4}-\d{2})/.exec(item.summary.en)?.[1];

describe('employee timeline over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const get = (query: string, who = as.auditor) => http().get(`${TIMELINE}${query}`).set(who);
  let recorded: Item[];

  beforeAll(async () => {
    t = await startTestApp();
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: EMPLOYEE }))
      .expect(201);
    await http()
      .post(`/api/employees/${EMPLOYEE}/social-insurance/enrollment`)
      .set(as.specialist)
      .send({ startMonth: '2020-01', insuranceTypes: ['pension', 'medical'], contributionBase: 12000 })
      .expect(201);
    for (const m of ['2024-04', '2024-05'])
      await http()
        .post(`/api/employees/${EMPLOYEE}/social-insurance/contributions`)
        .set(as.specialist)
        .send({ month: m, base: 12000 })
        .expect(201);
    // Back-dated: March, recorded after May (and a little later, so that an instant falls between the two).
    await sleep(5);
    await http()
      .post(`/api/employees/${EMPLOYEE}/social-insurance/contributions`)
      .set(as.specialist)
      .send({ month: '2024-03', base: 12000 })
      .expect(201);
    const opened = await http()
      .post('/api/offboarding')
      .set(as.specialist)
      .send({ employeeId: EMPLOYEE, reason: 'dismissal', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
      .expect(201);
    await http().post(`/api/offboarding/${opened.body.caseId}/steps/labor_termination`).set(as.specialist).send({}).expect(409);
    await http().post(`/api/offboarding/${opened.body.caseId}/steps/approval`).set(as.manager).send({}).expect(200);
    recorded = (await eventually(t, TIMELINE, as.auditor, (b) => b.total === ALL)).items;
  });
  afterAll(() => t.close());

  it('lists the archive, the account, the case and the refused step as recorded, in log order', async () => {
    const res = await get('').expect(200);
    expect(res.body).toMatchObject({ employeeId: EMPLOYEE, order: 'recorded', asKnownAt: null, page: 1, pageSize: 50, total: ALL });
    expect(res.body.items.map((i: Item) => i.type)).toEqual([
      'EmployeeHired',
      'PersonalDataRecorded',
      'SocialInsuranceEnrolled',
      'ContributionRecorded',
      'ContributionRecorded',
      'ContributionRecorded',
      'OffboardingCaseReserved',
      'OffboardingCaseOpened',
      'CommandRefused',
      'StepCompleted',
    ]);
    expect(recorded.map(month).filter(Boolean)).toEqual(['2024-04', '2024-05', '2024-03']);
    const positions = recorded.map((i) => BigInt(i.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    const refusal = recorded.find((i) => i.type === 'CommandRefused')!;
    expect(refusal).toMatchObject({
      stream: expect.stringMatching(/^audit-\d{4}-\d{2}$/),
      actor: { id: 'hr-spec-1', role: 'hr_specialist' },
    });
    expect(refusal.summary.en).toMatch(/^refused: complete labour termination.*STEP_LOCKED; missing: .*transfer-out/);
    expect(recorded.find((i) => i.type === 'StepCompleted')!.actor).toEqual({ id: 'hr-mgr-1', role: 'hr_manager' });
    expect(recorded[0]).toEqual({
      position: expect.stringMatching(/^\d+$/),
      stream: `employee-${EMPLOYEE}`,
      revision: '0',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      type: 'EmployeeHired',
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      effectiveDate: '2020-01-06',
      actor: { id: 'hr-spec-1', role: 'hr_specialist' },
      summary: { zh: '入职（企业正式员工，shanghai），入职日期 2020-01-06', en: 'hired (enterprise regular, shanghai) on 2020-01-06' },
      eventId: expect.any(String),
    });
  });

  it('names each entry’s revision and hash as stored, so that readers without /api/audit can match it to the raw envelope and an evidence package', async () => {
    for (const item of recorded) {
      const raw = await http()
        .get(`/api/audit/streams/${item.stream}/events?page=${Number(item.revision) + 1}&pageSize=1`)
        .set(as.auditor)
        .expect(200);
      expect(raw.body.items).toHaveLength(1);
      expect(raw.body.items[0]).toMatchObject({ id: item.eventId, position: item.position, revision: Number(item.revision) });
      expect(item.hash).toBe(raw.body.items[0].metadata.hash);
    }
    // The sealed personal data's hash is that of the stored (sealed) form, which the chain covers.
    expect(recorded.find((i) => i.type === 'PersonalDataRecorded')!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('orders by business date: the contribution for March, recorded last, shows up in March', async () => {
    const { items } = (await get('?order=effective').expect(200)).body as { items: Item[] };
    expect(items.map(month).filter(Boolean)).toEqual(['2024-03', '2024-04', '2024-05']);
    expect(items[0]).toMatchObject({ type: 'SocialInsuranceEnrolled', effectiveDate: '2020-01-01' });
    const keys = items.map((i) => [i.effectiveDate, BigInt(i.position)] as const);
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : 1)));
  });

  it('shows as of an instant only what had been recorded by then, whatever the offset it is written with', async () => {
    const [may, march] = recorded.filter((i) => ['2024-05', '2024-03'].includes(month(i)!)).map((i) => Date.parse(i.recordedAt));
    expect(march).toBeGreaterThan(may);
    const between = Math.floor((may + march) / 2);
    const res = await get(`?asKnownAt=${encodeURIComponent(inShanghai(between))}`).expect(200);
    expect(res.body).toMatchObject({ asKnownAt: new Date(between).toISOString(), total: 5 });
    expect(res.body.items.map(month).filter(Boolean)).toEqual(['2024-04', '2024-05']);
    // An unescaped + arrives as a space; it can only have been the offset's sign.
    const unescaped = await get(`?order=effective&asKnownAt=${inShanghai(between)}`).expect(200);
    expect(unescaped.body.items.map(month).filter(Boolean)).toEqual(['2024-04', '2024-05']);
    expect((await get('?asKnownAt=2019-12-31T23:59:59Z').expect(200)).body).toMatchObject({ items: [], total: 0 });
  });

  it('filters by event type, one or a list', async () => {
    expect((await get('?type=ContributionRecorded').expect(200)).body.total).toBe(3);
    const res = await get('?type=CommandRefused,SocialInsuranceEnrolled&order=effective').expect(200);
    expect(res.body.items.map((i: Item) => i.type)).toEqual(['SocialInsuranceEnrolled', 'CommandRefused']);
    expect((await get('?type=CommandRefused&type=SocialInsuranceEnrolled&order=effective').expect(200)).body.items).toEqual(res.body.items);
    expect((await get('?type=PolicyPublished').expect(200)).body).toMatchObject({ items: [], total: 0 });
  });

  it('filters by business date for order=effective and by the day of recording for order=recorded', async () => {
    const effective = await get('?order=effective&from=2024-03-01&to=2024-04-30').expect(200);
    expect(effective.body.items.map(month)).toEqual(['2024-03', '2024-04']);
    const [first, last] = [recorded[0], recorded[ALL - 1]].map((i) => i.recordedAt.slice(0, 10));
    expect((await get(`?from=${first}&to=${last}`).expect(200)).body.total).toBe(ALL);
    expect((await get('?from=2024-03-01&to=2024-04-30').expect(200)).body.total).toBe(0);
  });

  it('pages through a long history', async () => {
    const res = await get('?page=2&pageSize=2').expect(200);
    expect(res.body).toMatchObject({ page: 2, pageSize: 2, total: ALL });
    expect(res.body.items).toEqual(recorded.slice(2, 4));
    expect((await get('?page=6&pageSize=2').expect(200)).body).toMatchObject({ items: [], total: ALL });
  });

  it('shows every reading role the same lines, with no name or ID number in them', async () => {
    for (const who of [as.specialist, as.manager, as.investigator, as.admin]) {
      expect((await get('', who).expect(200)).body.items).toEqual(recorded);
    }
    const text = JSON.stringify(recorded);
    expect(text).not.toContain(hireBody().name);
    expect(text).not.toContain(hireBody().idNumber);
    expect(recorded.find((i) => i.type === 'PersonalDataRecorded')!.summary).toEqual({
      zh: '个人信息已记录',
      en: 'personal data recorded',
    });
  });

  it('answers 400 listing every bad query value', async () => {
    const res = await get(
      '?asKnownAt=2024-05-10T10:00:00&order=sideways&from=2024-02-30&type=Contribution;Recorded&page=0&pageSize=501&colour=red',
    ).expect(400);
    expect(res.body.code).toBe('VALIDATION');
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
      'asKnownAt',
      'colour',
      'from',
      'order',
      'page',
      'pageSize',
      'type',
    ]);
    for (const bad of [
      'asKnownAt=2024-05-10',
      'asKnownAt=2024-02-30T00:00:00Z',
      'asKnownAt=2024-05-10T25:00:00Z',
      'from=2024-05-02&to=2024-05-01',
      'type=',
      'order=effective&order=recorded',
    ]) {
      expect((await get(`?${bad}`).expect(400)).body.code).toBe('VALIDATION');
    }
    await http().get('/api/employees/bad%20id!/timeline').set(as.auditor).expect(400);
  });

  it('keeps the unfiltered total (kept per employee) equal to a counted one as new events arrive', async () => {
    const other = 'E7002';
    const path = `/api/employees/${other}/timeline`;
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: other }))
      .expect(201);
    expect((await eventually(t, path, as.auditor, (b) => b.total === 2)).items).toHaveLength(2);
    await http()
      .post(`/api/employees/${other}/social-insurance/enrollment`)
      .set(as.specialist)
      .send({ startMonth: '2020-01', insuranceTypes: ['pension'], contributionBase: 12000 })
      .expect(201);
    const after = await eventually(t, path, as.auditor, (b) => b.items.length === 3);
    expect(after.total).toBe(3);
    // A filter that keeps everything is counted over the index range: the same figure.
    expect(
      (await http().get(`${path}?type=EmployeeHired,PersonalDataRecorded,SocialInsuranceEnrolled`).set(as.auditor).expect(200)).body.total,
    ).toBe(3);
    expect((await get('').expect(200)).body.total).toBe(ALL);
  });

  it('answers 404 for an employee with no entries and no profile', async () => {
    expect((await http().get('/api/employees/NOPE1/timeline').set(as.auditor).expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('answers 401 without a valid token; every role may read timelines, so none gets 403', async () => {
    await http().get(TIMELINE).expect(401);
    await http()
      .get(TIMELINE)
      .set(bearer(tokenFor('x', ['auditor'], { secret: 'another-secret-that-is-long-enough-for-hs256!' })))
      .expect(401);
    await http()
      .get(TIMELINE)
      .set(bearer(tokenFor('x', ['janitor'])))
      .expect(401);
  });
});
