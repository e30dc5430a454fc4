import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EMPLOYEE_PROFILES, employeeProfiles } from '../../src/employees/employee-profile.projection';
import { hashEvent } from '../../src/event-sourcing/hash-chain';
import { EVENT_STORE, EventStore, RecordedEvent, StoreUnavailableError } from '../../src/infrastructure/event-store/event-store.port';
import { KEY_STORE, KeyStore } from '../../src/infrastructure/key-store/key-store.port';
import { READ_STORE, ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { RAW_EVENT_STORE } from '../../src/infrastructure/stores.module';
import { physicalName } from '../../src/projections/generations';
import { ProjectionsService } from '../../src/projections/projections.service';
import { rebuildProjection } from '../../src/projections/rebuild';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

const NAME = '欧阳娜娜';
const ID_NUMBER = '11010519491231002X';
const CONTACT = { phone: '13800000000', email: 'nana.ouyang@example.com', address: '上海市浦东新区世纪大道100号' };
const SECRETS = [NAME, ID_NUMBER, CONTACT.phone, CONTACT.email, CONTACT.address];

describe('erasing personal data over HTTP (DELETE /api/employees/{id}/personal-data)', () => {
  let t: TestApp;
  let app: INestApplication;
  let dataDir: string;
  // The application's clock: each command happens on the day the test sets.
  let now = new Date('2024-06-20T09:00:00.000Z');
  const setNow = (instant: string) => (now = new Date(instant));
  const http = () => request(app.getHttpServer());
  const erase = (employeeId: string, who: Record<string, string> = as.admin) =>
    http().delete(`/api/employees/${employeeId}/personal-data`).set(who);
  const profile = (employeeId: string, who: Record<string, string>, check: (p: any) => boolean = () => true) =>
    eventually({ app } as TestApp, `/api/employees/${employeeId}`, who, check);

  /** Hires the employee and walks an offboarding case to labour termination (退工) on 2024-06-30, until the archive records the separation. */
  async function separate(employeeId: string): Promise<void> {
    setNow('2024-06-20T09:00:00.000Z');
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId, name: NAME, idNumber: ID_NUMBER, contact: CONTACT }))
      .expect(201);
    await http()
      .post(`/api/employees/${employeeId}/social-insurance/enrollment`)
      .set(as.specialist)
      .send({ startMonth: '2020-01', insuranceTypes: ['pension', 'medical'], contributionBase: 12000 })
      .expect(201);
    for (const month of ['2024-04', '2024-05', '2024-06']) {
      await http()
        .post(`/api/employees/${employeeId}/social-insurance/contributions`)
        .set(as.specialist)
        .send({ month, base: 12000 })
        .expect(201);
    }
    const { caseId } = (
      await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId, reason: 'dismissal', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
        .expect(201)
    ).body;
    const step = (key: string, body: Record<string, unknown> = {}, who = as.specialist) =>
      http().post(`/api/offboarding/${caseId}/steps/${key}`).set(who).send(body).expect(200);
    setNow('2024-07-05T09:00:00.000Z');
    await step('approval', { effectiveDate: '2024-06-20' }, as.manager);
    await step('handover', { effectiveDate: '2024-06-28' });
    await step('si_transfer_out', { action: 'request', effectiveDate: '2024-07-01' });
    await step('si_transfer_out', { action: 'complete', effectiveDate: '2024-07-03', data: { lastPaidMonth: '2024-06' } });
    await step('labor_termination', { effectiveDate: '2024-07-05', data: { terminationDate: '2024-06-30' } });
    await profile(employeeId, as.specialist, (p) => p.status === 'separated');
  }

  /** Every stream of the log, as stored, grouped in stream order. */
  async function storedStreams(): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map<string, RecordedEvent[]>();
    for (const e of await app.get<EventStore>(RAW_EVENT_STORE).readAll()) streams.set(e.stream, [...(streams.get(e.stream) ?? []), e]);
    return streams;
  }

  function expectEveryChainVerifies(streams: Map<string, RecordedEvent[]>): void {
    for (const [stream, events] of streams) {
      let previous: unknown = null;
      for (const e of events) {
        expect({ stream, revision: e.revision, prevHash: e.metadata.prevHash }).toEqual({
          stream,
          revision: e.revision,
          prevHash: previous,
        });
        expect({ stream, revision: e.revision, hash: hashEvent(e) }).toEqual({ stream, revision: e.revision, hash: e.metadata.hash });
        previous = e.metadata.hash;
      }
    }
  }

  function expectNoPersonalDataIn(text: string): void {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  }

  beforeAll(async () => {
    t = await startTestApp({}, { clock: () => new Date(now) });
    app = t.app;
    dataDir = t.config.dataDir;
    await separate('E1');
    setNow('2024-07-05T09:00:00.000Z');
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E2' }))
      .expect(201);
  }, 30_000);
  afterAll(() => t.close());

  it('keeps the key store in a file of its own and writes no personal data in plaintext to the event log', () => {
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['events.db', 'keys.db']));
    for (const name of readdirSync(dataDir).filter((f) => f.startsWith('events.db'))) {
      const bytes = readFileSync(join(dataDir, name));
      for (const secret of SECRETS) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
  });

  it('is for admins only: 401 without a token, 403 for every other role', async () => {
    await http().delete('/api/employees/E1/personal-data').expect(401);
    for (const who of [as.specialist, as.manager, as.auditor, as.investigator])
      expect((await erase('E1', who).expect(403)).body.code).toBe('FORBIDDEN');
    await profile('E1', as.specialist, (p) => p.name === NAME && p.personalDataErased === false);
    // Before the erasure, roles that may not see personal data see it masked.
    expect(await profile('E1', as.auditor)).toMatchObject({ name: '欧***', idNumber: '110105********002X', personalDataErased: false });
  });

  it('answers 404 for an unknown employee', async () => {
    expect((await erase('E404').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('refuses an employee still employed with 409 EMPLOYEE_EMPLOYED', async () => {
    const res = await erase('E2').expect(409);
    expect(res.body).toMatchObject({ code: 'EMPLOYEE_EMPLOYED', message: expect.stringContaining('在职员工的个人信息不能删除') });
  });

  // Found by the property over generated histories (test/properties: a rebuilt profile read the name as erased).
  it('destroys no key when the erasure reuses the Idempotency-Key of the hire: another caller and route make it another command, refused while employed', async () => {
    const key = { 'Idempotency-Key': 'client-key-reused' };
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .set(key)
      .send(hireBody({ employeeId: 'E5', name: NAME, idNumber: ID_NUMBER }))
      .expect(201);
    // Keys are scoped to the caller and the route (README, Idempotency keys): this is not a retry of the hire.
    const res = await erase('E5', { ...as.admin, ...key });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMPLOYEE_EMPLOYED');
    expect(await app.get<KeyStore>(KEY_STORE).get('E5')).not.toBeNull();
    const stored = await app.get<EventStore>(EVENT_STORE).readStream('employee-E5');
    expect(stored.map((e) => e.type)).not.toContain('PersonalDataErased');
    expect(stored.filter((e) => e.type === 'PersonalDataRecorded').map((e) => e.data)).toEqual([
      expect.objectContaining({ name: NAME, idNumber: ID_NUMBER }),
    ]);
    // What the property saw: the live profile shows the name, and a rebuild from position 0 equals the live document.
    await profile('E5', as.specialist, (p) => p.name === NAME);
    const reads = app.get<ReadStore>(READ_STORE);
    const live = await reads.get(app.get(ProjectionsService).collection(employeeProfiles.name, EMPLOYEE_PROFILES), 'E5');
    const rebuilt = await rebuildProjection(app.get<EventStore>(EVENT_STORE), reads, employeeProfiles, { now: () => new Date() });
    const fromZero = await reads.get(physicalName(EMPLOYEE_PROFILES, rebuilt.generation), 'E5');
    expect(fromZero).toMatchObject({ employee: { personalDataErased: false } });
    expect(fromZero).toEqual(live);
  });

  it('refuses within two years of labour termination with 409 RETENTION_PERIOD and the last day of retention, and records the refusal', async () => {
    setNow('2024-07-10T09:00:00.000Z');
    expect((await erase('E1').expect(409)).body).toMatchObject({ code: 'RETENTION_PERIOD', retainUntil: '2026-06-30' });
    // The last day of the period (LCL art. 50, Civil Code arts. 201-202), 23:59 Beijing time.
    setNow('2026-06-30T15:59:00.000Z');
    const res = await erase('E1').expect(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      code: 'RETENTION_PERIOD',
      retainUntil: '2026-06-30',
      message: expect.stringContaining('2026-07-01'),
    });
    expectNoPersonalDataIn(JSON.stringify(res.body));
    const refusals = await app.get<EventStore>(EVENT_STORE).readStream('audit-2026-06');
    expect(refusals.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ command: 'ErasePersonalData', code: 'RETENTION_PERIOD', subjects: { employeeId: 'E1' } }),
    );
    expect(await app.get<KeyStore>(KEY_STORE).get('E1')).not.toBeNull();
  });

  describe('two years and a day after labour termination', () => {
    let erased: { stream: string; revision: number; position: string };
    let before: Map<string, RecordedEvent[]>;

    beforeAll(async () => {
      before = await storedStreams();
      // 00:00 on the first day after it, Beijing time (16:00 UTC the day before).
      setNow('2026-06-30T16:00:00.000Z');
      erased = (await erase('E1').expect(200)).body;
    });

    it('answers with the stream, its revision and the position of the erasure event', async () => {
      expect(erased).toEqual({ stream: 'employee-E1', revision: expect.any(Number), position: expect.stringMatching(/^\d+$/) });
      const [last] = await app.get<EventStore>(EVENT_STORE).readStream('employee-E1', { direction: 'backwards', maxCount: 1 });
      expect({ type: last.type, data: last.data, revision: Number(last.revision), position: last.position.toString() }).toEqual({
        type: 'PersonalDataErased',
        data: { employeeId: 'E1' },
        revision: erased.revision,
        position: erased.position,
      });
    });

    it('destroys the key: the events stay, their personal fields read as erased', async () => {
      expect(await app.get<KeyStore>(KEY_STORE).get('E1')).toBeNull();
      const personal = (await app.get<EventStore>(EVENT_STORE).readStream('employee-E1')).filter((e) => e.type === 'PersonalDataRecorded');
      expect(personal.map((e) => e.data)).toEqual([{ employeeId: 'E1', erased: true, name: null, idNumber: null, contact: null }]);
    });

    it('shows the profile as erased, to HR, admins and auditors alike', async () => {
      for (const who of [as.specialist, as.admin, as.auditor, as.investigator]) {
        const p = await profile('E1', who, (body) => body.personalDataErased === true);
        expect(p).toMatchObject({ employeeId: 'E1', status: 'separated', name: null, idNumber: null, personalDataErased: true });
        expect(p).not.toHaveProperty('contact');
        expectNoPersonalDataIn(JSON.stringify(p));
      }
    });

    it('gives the same profile document after a rebuild from position 0, where the sealed data is unreadable', async () => {
      await profile('E1', as.specialist, (p) => p.personalDataErased === true);
      const reads = app.get<ReadStore>(READ_STORE);
      const live = await reads.get(app.get(ProjectionsService).collection(employeeProfiles.name, EMPLOYEE_PROFILES), 'E1');
      const rebuilt = await rebuildProjection(app.get<EventStore>(EVENT_STORE), reads, employeeProfiles, { now: () => new Date() });
      expect(rebuilt.generation).toBe(rebuilt.previousGeneration! + 1);
      const fromZero = await reads.get(physicalName(EMPLOYEE_PROFILES, rebuilt.generation), 'E1');
      expect(fromZero).toMatchObject({ employee: { personalData: null, personalDataErased: true } });
      expect(fromZero).toEqual(live);
    });

    it('is idempotent: a repeated request answers the same and writes nothing', async () => {
      expect((await erase('E1').expect(200)).body).toEqual(erased);
    });

    it('refuses to record personal data again with 409 PERSONAL_DATA_ERASED', async () => {
      const res = await http()
        .patch('/api/employees/E1/personal-data')
        .set(as.specialist)
        .send({ name: NAME, idNumber: ID_NUMBER })
        .expect(409);
      expect(res.body.code).toBe('PERSONAL_DATA_ERASED');
    });

    it('still verifies every stream’s hash chain over the stored events, which the erasure changed only by appending', async () => {
      const after = await storedStreams();
      expectEveryChainVerifies(after);
      for (const [stream, events] of before) expect(after.get(stream)!.slice(0, events.length)).toEqual(events);
    });
  });

  it('finishes an erasure whose key destruction failed when the request is repeated', async () => {
    await separate('E3');
    const keys = app.get<KeyStore>(KEY_STORE);
    const destroy = jest.spyOn(keys, 'destroy').mockRejectedValueOnce(new StoreUnavailableError('key store', new Error('disk unplugged')));
    setNow('2026-07-01T09:00:00.000Z');
    try {
      expect((await erase('E3').expect(503)).body.code).toBe('STORE_UNAVAILABLE');
    } finally {
      destroy.mockRestore();
    }
    // The erasure is recorded (profiles show it); the key is not destroyed yet.
    await profile('E3', as.specialist, (p) => p.personalDataErased === true && p.name === null);
    expect(await keys.get('E3')).not.toBeNull();

    const retried = (await erase('E3').expect(200)).body;
    expect(retried.stream).toBe('employee-E3');
    expect(await keys.get('E3')).toBeNull();
    const personal = (await app.get<EventStore>(EVENT_STORE).readStream('employee-E3')).filter((e) => e.type === 'PersonalDataRecorded');
    expect(personal.map((e) => e.data)).toEqual([expect.objectContaining({ erased: true, name: null })]);
    expect((await app.get<EventStore>(EVENT_STORE).readStream('employee-E3')).filter((e) => e.type === 'PersonalDataErased')).toHaveLength(
      1,
    );
  }, 30_000);
});
