import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { loadOrCreateSigningKey } from '../../src/audit/signing-key';
import { eventually, hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';
import { businessDate } from '../../src/infrastructure/business-day';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The same instant written with a +08:00 offset (China Standard Time). */
const inShanghai = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');

describe('audit over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const get = (path: string, who: Record<string, string> = as.auditor) => http().get(path).set(who);
  const contribute = (month: string, base: number, correction = false) =>
    http().post('/api/employees/E5001/social-insurance/contributions').set(as.specialist).send({ month, base, correction }).expect(201);

  let beforeCorrection: Date;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E5001', contact: { phone: '13800000000' } }))
      .expect(201);
    await http()
      .post('/api/employees/E5001/social-insurance/enrollment')
      .set(as.specialist)
      .send({ startMonth: '2020-01', insuranceTypes: ['pension', 'medical'], contributionBase: 12000 })
      .expect(201);
    for (const month of ['2024-01', '2024-02', '2024-03']) await contribute(month, 12000);
    // An instant between two requests: after the last contribution was recorded, before its correction.
    await pause(10);
    beforeCorrection = new Date();
    await pause(10);
    await contribute('2024-03', 15000, true);
    caseId = (
      await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId: 'E5001', reason: 'resignation', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
        .expect(201)
    ).body.caseId;
    // Refused: labour termination before the social-insurance transfer-out; approval by a specialist.
    await http().post(`/api/offboarding/${caseId}/steps/labor_termination`).set(as.specialist).send({}).expect(409);
    await http().post(`/api/offboarding/${caseId}/steps/approval`).set(as.specialist).send({}).expect(403);
  });
  afterAll(() => t.close());

  describe('GET /api/audit/employees/{id}/as-of', () => {
    const asOf = (at: string, who = as.auditor) => get(`/api/audit/employees/E5001/as-of?at=${encodeURIComponent(at)}`, who);

    it('rebuilds the account as it was before the correction was recorded', async () => {
      const { body } = await asOf(inShanghai(beforeCorrection)).expect(200);
      expect(body.at).toBe(beforeCorrection.toISOString());
      expect(body.socialInsurance.paid.pension['2024-03']).toEqual({ base: 12000, corrections: 0 });
      expect(body.cases).toEqual([]);
      expect(body.archive).toMatchObject({ status: 'employed', employeeId: 'E5001', openCaseId: null });
      expect(body.basis).toEqual([
        { stream: 'employee-E5001', events: 2, lastRevision: 1 },
        { stream: 'insurance-E5001', events: 4, lastRevision: 3 },
      ]);
    });

    it('and after it, with the open case and its steps', async () => {
      const { body } = await asOf(new Date().toISOString()).expect(200);
      expect(body.socialInsurance.paid.pension['2024-03']).toEqual({ base: 15000, corrections: 1 });
      expect(body.archive.openCaseId).toBe(caseId);
      expect(body.cases).toEqual([
        expect.objectContaining({
          caseId,
          status: 'open',
          reason: 'resignation',
          steps: expect.arrayContaining([expect.objectContaining({ key: 'labor_termination', status: 'locked' })]),
        }),
      ]);
    });

    it('knows nothing before the hire was recorded', async () => {
      const { body } = await asOf('2000-01-01T00:00:00Z').expect(200);
      expect(body).toMatchObject({ archive: null, socialInsurance: null, cases: [] });
    });

    it('masks personal data for auditors, not for administrators', async () => {
      const audited = (await asOf(new Date().toISOString())).body.archive.personalData;
      expect(audited).toEqual({ name: '张*', idNumber: '110105********002X' });
      const administered = (await asOf(new Date().toISOString(), as.admin)).body.archive.personalData;
      expect(administered).toEqual({ name: '张三', idNumber: '11010519491231002X', contact: { phone: '13800000000' } });
    });

    it('takes an offset written with an unescaped + (decoded to a space)', async () => {
      const { body } = await get(`/api/audit/employees/E5001/as-of?at=${inShanghai(beforeCorrection)}`).expect(200);
      expect(body.at).toBe(beforeCorrection.toISOString());
    });

    it('refuses an instant without an offset, a missing one, and answers 404 for an unknown employee', async () => {
      expect((await asOf('2024-05-10T10:00:00').expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'at' })]);
      await get('/api/audit/employees/E5001/as-of').expect(400);
      await get(`/api/audit/employees/NOBODY/as-of?at=${encodeURIComponent(new Date().toISOString())}`).expect(404);
    });
  });

  describe('GET /api/audit/streams/{stream}/events', () => {
    it('pages through the raw envelopes in revision order, positions as strings', async () => {
      const { body } = await get('/api/audit/streams/insurance-E5001/events?page=2&pageSize=2').expect(200);
      expect(body).toMatchObject({ stream: 'insurance-E5001', page: 2, pageSize: 2, total: 5 });
      expect(body.items.map((e: { revision: number }) => e.revision)).toEqual([2, 3]);
      expect(body.items[0]).toMatchObject({
        stream: 'insurance-E5001',
        position: expect.stringMatching(/^\d+$/),
        type: 'ContributionRecorded',
        schemaVersion: 1,
      });
      expect(body.items[1].metadata).toMatchObject({
        actor: { id: 'hr-spec-1', role: 'hr_specialist' },
        prevHash: body.items[0].metadata.hash,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const last = (await get('/api/audit/streams/insurance-E5001/events?page=3&pageSize=2').expect(200)).body;
      expect(last.items.map((e: { type: string }) => e.type)).toEqual(['ContributionCorrected']);
    });

    it('shows personal data only as stored, sealed, to every role', async () => {
      for (const who of [as.auditor, as.admin]) {
        const { body } = await get('/api/audit/streams/employee-E5001/events', who).expect(200);
        expect(body.items.find((e: { type: string }) => e.type === 'PersonalDataRecorded').data).toEqual({
          employeeId: 'E5001',
          sealed: expect.objectContaining({ alg: 'A256GCM' }),
        });
        expect(JSON.stringify(body)).not.toMatch(/张三|11010519491231002X|13800000000/);
      }
    });

    it('answers 404 for an unknown stream and 400 for a name that is not a stream name', async () => {
      await get('/api/audit/streams/employee-NOBODY/events').expect(404);
      expect((await get('/api/audit/streams/Employee%20E1/events').expect(400)).body.errors).toEqual([
        expect.objectContaining({ field: 'stream' }),
      ]);
    });
  });

  describe('GET /api/audit/streams', () => {
    it('lists the streams by name with their length and last event, a category at a time', async () => {
      const body = await eventually(t, '/api/audit/streams?category=insurance', as.auditor, (b) => b.items[0]?.events === 5);
      expect(body).toEqual({
        items: [
          {
            stream: 'insurance-E5001',
            category: 'insurance',
            events: 5,
            lastRevision: '4',
            lastPosition: expect.stringMatching(/^\d+$/),
            lastType: 'ContributionCorrected',
            firstRecordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
            lastRecordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          },
        ],
        pageSize: 50,
        next: null,
        total: 1,
      });
      // The catalog agrees with the stream itself.
      const events = (await get('/api/audit/streams/insurance-E5001/events').expect(200)).body;
      expect(events.total).toBe(body.items[0].events);
      expect(events.items.at(-1)).toMatchObject({ revision: 4, type: 'ContributionCorrected', position: body.items[0].lastPosition });
    });

    it('pages by name: next is the last name of the page, passed as after', async () => {
      const all = (await get('/api/audit/streams?pageSize=500').expect(200)).body;
      const names: string[] = all.items.map((i: { stream: string }) => i.stream);
      expect(names.length).toBeGreaterThanOrEqual(4);
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(expect.arrayContaining(['employee-E5001', 'insurance-E5001', `offboarding-${caseId}`]));
      expect(all).toMatchObject({ next: null, total: names.length });
      const walked: string[] = [];
      let after: string | null = null;
      do {
        const query: string = after === null ? '' : `&after=${encodeURIComponent(after)}`;
        const page = (await get(`/api/audit/streams?pageSize=2${query}`).expect(200)).body;
        expect(page.items.length).toBeLessThanOrEqual(2);
        expect(page.total).toBe(names.length);
        walked.push(...page.items.map((i: { stream: string }) => i.stream));
        after = page.next;
      } while (after !== null);
      expect(walked).toEqual(names);
      expect((await get('/api/audit/streams?category=nothing').expect(200)).body).toEqual({
        items: [],
        pageSize: 50,
        next: null,
        total: 0,
      });
    });

    it('refuses a bad category and page size', async () => {
      const { body } = await get('/api/audit/streams?category=Employee-1&pageSize=501').expect(400);
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'pageSize']);
    });
  });

  describe('GET /api/audit/rejections', () => {
    it('lists refused commands, filtered by step, actor and time', async () => {
      const locked = await eventually(t, '/api/audit/rejections?step=labor_termination', as.auditor, (b) => b.total === 1);
      expect(locked.items[0]).toMatchObject({
        actor: { id: 'hr-spec-1', role: 'hr_specialist' },
        command: 'PerformStep',
        code: 'STEP_LOCKED',
        step: 'labor_termination',
        missing: expect.arrayContaining(['si_transfer_out']),
        caseId,
        employeeId: 'E5001',
        recordedAt: expect.any(String),
        position: expect.stringMatching(/^\d+$/),
      });
      const byActor = await eventually(t, '/api/audit/rejections?actor=hr-spec-1', as.auditor, (b) => b.total === 2);
      expect(byActor.items.map((i: { code: string }) => i.code)).toEqual(['STEP_LOCKED', 'ROLE_REQUIRED']);
      expect((await get('/api/audit/rejections?actor=someone-else').expect(200)).body).toMatchObject({ items: [], total: 0 });
      const today = businessDate(new Date());
      expect((await get(`/api/audit/rejections?from=${today}&to=${today}&employeeId=E5001`).expect(200)).body.total).toBe(2);
      expect((await get(`/api/audit/rejections?to=2000-01-01`).expect(200)).body.total).toBe(0);
      expect(
        (await get(`/api/audit/rejections?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`).expect(200)).body.total,
      ).toBe(0);
    });

    it('refuses bad filters', async () => {
      const { body } = await get('/api/audit/rejections?step=lunch&from=yesterday&pageSize=0').expect(400);
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'pageSize', 'step']);
    });
  });

  describe('GET /api/audit/public-key', () => {
    it('publishes the signing key of evidence packages without a token', async () => {
      const res = await http().get('/api/audit/public-key').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-pem-file/);
      expect(res.text).toBe(loadOrCreateSigningKey(t.config.dataDir).publicKeyPem);
      expect(res.text).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(readFileSync(join(t.config.dataDir, 'audit-signing-key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    });
  });

  describe('who may read /api/audit', () => {
    const paths = () => [
      '/api/audit/verify',
      '/api/audit/rejections',
      '/api/audit/streams',
      '/api/audit/streams/employee-E5001/events',
      `/api/audit/employees/E5001/as-of?at=${encodeURIComponent(new Date().toISOString())}`,
    ];

    it('answers 401 without a token', async () => {
      for (const path of paths()) await http().get(path).expect(401);
    });

    it('answers 403 to HR roles and investigators', async () => {
      for (const path of paths()) for (const who of [as.specialist, as.manager, as.investigator]) await get(path, who).expect(403);
    });

    it('lets auditors and administrators in', async () => {
      for (const path of paths()) for (const who of [as.auditor, as.admin]) await get(path, who).expect(200);
    });
  });

  describe('checkpoints of the chain heads', () => {
    it('are taken on demand by auditors and administrators only, and exported with their heads list', async () => {
      await http().post('/api/audit/checkpoints').set(as.specialist).expect(403);
      await get('/api/audit/checkpoints/latest').expect(404);
      const taken = (await http().post('/api/audit/checkpoints').set(as.admin).expect(201)).body;
      expect(taken.checkpoint).toMatchObject({ format: 'chain-heads/1', signature: { algorithm: 'Ed25519' } });
      const exported = (await get('/api/audit/checkpoints/latest').expect(200)).body;
      expect(exported.checkpoint).toEqual(taken.checkpoint);
      expect(exported.heads).toContainEqual(expect.stringMatching(/^insurance-E5001 4 [0-9a-f]{64}$/));
      const digest = createHash('sha256')
        .update(exported.heads.map((l: string) => `${l}\n`).join(''))
        .digest('hex');
      expect(digest).toBe(taken.checkpoint.digest);
      expect((await get('/api/audit/verify').expect(200)).body).toMatchObject({
        ok: true,
        checkpoint: { position: taken.checkpoint.position },
      });
    });
  });

  describe('GET /api/audit/verify', () => {
    it('finds a clean store intact, whole or one stream', async () => {
      const whole = (await get('/api/audit/verify').expect(200)).body;
      expect(whole).toMatchObject({ ok: true, firstBroken: null });
      expect(whole.streamsChecked).toBeGreaterThanOrEqual(4);
      expect(whole.eventsChecked).toBeGreaterThan(whole.streamsChecked);
      expect((await get('/api/audit/verify?stream=insurance-E5001').expect(200)).body).toEqual({
        ok: true,
        streamsChecked: 1,
        eventsChecked: 5,
        firstBroken: null,
      });
      await get('/api/audit/verify?stream=insurance-NOBODY').expect(404);
      await get('/api/audit/verify?stream=not%20a%20stream').expect(400);
    });

    // Last: it breaks the store.
    it('names the stream and revision of an edit made to the database behind the service', async () => {
      const db = new Database(join(t.config.dataDir, 'events.db'));
      db.prepare("UPDATE events SET data = json_set(data, '$.base', 1) WHERE stream = 'insurance-E5001' AND revision = 2").run();
      db.close();
      const broken = {
        stream: 'insurance-E5001',
        revision: 2,
        reason: 'hash_mismatch',
        problem: 'hash_mismatch',
        detail: expect.any(String),
      };
      expect((await get('/api/audit/verify').expect(200)).body).toMatchObject({ ok: false, firstBroken: broken });
      expect((await get('/api/audit/verify?stream=insurance-E5001').expect(200)).body).toMatchObject({ ok: false, firstBroken: broken });
    });
  });
});
