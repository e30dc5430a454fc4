import { AddressInfo } from 'node:net';
import { request as httpRequest, IncomingMessage } from 'node:http';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { hireBody } from '../support/http';
import { openEventStream, SseEvent } from '../support/sse';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, tokenFor } from '../support/tokens';

const EMPLOYEE = 'E8801';
const NAME = '张三';
const ID_NUMBER = '11010519491231002X';
const envelope = (e: SseEvent) => JSON.parse(e.data);
const positions = (events: SseEvent[]) => events.map((e) => BigInt(e.id!));

describe('the event feed (GET /api/events/stream)', () => {
  let t: TestApp;
  let base: string;
  const http = () => request(t.app.getHttpServer());
  /** The position of the last command of the set-up: every reader waits until it has seen it. */
  let approved: bigint;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp({ EVENT_STREAMS_PER_CALLER: '2' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: EMPLOYEE, name: NAME, idNumber: ID_NUMBER }))
      .expect(201);
    const opened = await http()
      .post('/api/offboarding')
      .set(as.specialist)
      .send({ employeeId: EMPLOYEE, reason: 'dismissal', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
      .expect(201);
    caseId = opened.body.caseId;
    await http().post(`/api/offboarding/${caseId}/steps/labor_termination`).set(as.specialist).send({}).expect(409);
    approved = BigInt((await http().post(`/api/offboarding/${caseId}/steps/approval`).set(as.manager).send({}).expect(200)).body.position);
  });
  afterAll(() => t.close());

  const open = (query = '', headers: Record<string, string> = as.auditor) => openEventStream(`${base}/api/events/stream${query}`, headers);
  const reached = (position: bigint) => (events: SseEvent[]) => events.some((e) => BigInt(e.id!) >= position);

  it('streams every event as `id:` position, `event:` type and a JSON envelope, in log order', async () => {
    const stream = await open('', as.specialist);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.headers.get('cache-control')).toBe('no-store');
      const events = await stream.until(reached(approved));
      const ids = positions(events);
      expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      for (const e of events) expect(envelope(e)).toMatchObject({ type: e.event, position: e.id, stream: expect.any(String) });
      const step = events.map(envelope).find((e) => e.type === 'StepCompleted');
      expect(step).toMatchObject({
        stream: `offboarding-${caseId}`,
        actor: { id: 'hr-mgr-1', role: 'hr_manager' },
        effectiveDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        recordedAt: expect.any(String),
        data: { step: 'approval' },
      });
      expect(events.map((e) => e.event)).toEqual(
        expect.arrayContaining(['PolicyPublished', 'EmployeeHired', 'OffboardingCaseOpened', 'CommandRefused']),
      );
      expect(events.map(envelope).find((e) => e.type === 'PersonalDataRecorded').data).toMatchObject({ name: NAME, idNumber: ID_NUMBER });
    } finally {
      stream.close();
    }
  });

  it.each([
    ['auditor', as.auditor, true],
    ['investigator', as.investigator, false],
  ])('masks names and ID numbers for the %s; shows the categories the role may read', async (_role, who, seesPolicies) => {
    const stream = await open('', who);
    try {
      const events = (await stream.until(reached(approved))).map(envelope);
      const personal = events.find((e) => e.type === 'PersonalDataRecorded');
      expect(personal.data.name).not.toContain('三');
      expect(personal.data.idNumber).toBe('110105********002X');
      expect(JSON.stringify(events)).not.toContain(ID_NUMBER);
      expect(events.some((e) => e.type === 'PolicyPublished')).toBe(seesPolicies);
      expect(events.some((e) => e.type === 'CommandRefused')).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('resumes after Last-Event-ID (or ?after=) with no gap and no duplicate, then follows live', async () => {
    const whole = await open();
    const all = positions(await whole.until(reached(approved)));
    whole.close();

    const first = await open();
    const head = positions(await first.until((e) => e.length >= 5)).slice(0, 5);
    first.close();
    const resumed = await open('?after=1', { ...as.auditor, 'Last-Event-ID': String(head[4]) });
    const rest = positions(await resumed.until(reached(approved)));
    expect([...head, ...rest].slice(0, all.length)).toEqual(all);

    // Live: a command made while the stream is open arrives on it.
    const done = await http().post(`/api/offboarding/${caseId}/steps/handover`).set(as.specialist).send({}).expect(200);
    const live = await resumed.until(reached(BigInt(done.body.position)));
    expect(live.map((e) => e.event)).toContain('StepCompleted');
    resumed.close();

    const viaQuery = await open(`?after=${head[4]}`);
    expect(positions(await viaQuery.until(reached(approved))).slice(0, rest.length)).toEqual(rest);
    viaQuery.close();
  });

  it('filters by types= and stream= prefixes', async () => {
    const stream = await open(`?types=StepCompleted,CommandRefused&stream=offboarding-,audit-`);
    try {
      const events = await stream.until(reached(approved));
      expect(new Set(events.map((e) => e.event))).toEqual(new Set(['StepCompleted', 'CommandRefused']));
      for (const e of events) expect(envelope(e).stream).toMatch(/^(offboarding|audit)-/);
    } finally {
      stream.close();
    }
  });

  it.each([
    ['?types=NoSuchEvent', 'types'],
    ['?types=', 'types'],
    ['?stream=bad%20prefix', 'stream'],
    ['?after=-3', 'after'],
    ['?access_token=abc', 'access_token'],
  ])('%s is 400 naming %s', async (query, field) => {
    const stream = await open(query);
    expect(stream.status).toBe(400);
    expect(stream.problem).toMatchObject({ code: 'VALIDATION', errors: [expect.objectContaining({ field })] });
  });

  it('a bad Last-Event-ID is 400 naming the header; no token is 401', async () => {
    const bad = await open('', { ...as.auditor, 'Last-Event-ID': 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.problem).toMatchObject({ errors: [expect.objectContaining({ field: 'Last-Event-ID' })] });
    expect((await open('', {})).status).toBe(401);
  });

  it('each caller holds at most EVENT_STREAMS_PER_CALLER streams; closing one frees its slot', async () => {
    const who = bearer(tokenFor('stream-hog', ['auditor']));
    const one = await open('', who);
    const two = await open('', who);
    try {
      expect([one.status, two.status]).toEqual([200, 200]);
      const third = await open('', who);
      expect(third.status).toBe(429);
      expect(third.problem).toMatchObject({ code: 'TOO_MANY_STREAMS' });
      const other = await open('', as.auditor);
      expect(other.status).toBe(200);
      other.close();
      one.close();
      let again = await open('', who);
      for (let i = 0; i < 100 && again.status === 429; i++) {
        await new Promise((r) => setTimeout(r, 20));
        again = await open('', who);
      }
      expect(again.status).toBe(200);
      again.close();
    } finally {
      one.close();
      two.close();
    }
  });

  it('the data of each published event matches its schema in the OpenAPI document', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body;
    const operation = doc.paths['/api/events/stream'].get;
    expect(Object.keys(operation.responses['200'].content)).toEqual(['text/event-stream']);
    const schemas = doc.components.schemas as Record<string, { required: string[]; properties: Record<string, unknown> }>;
    const stream = await open();
    try {
      const events = (await stream.until(reached(approved))).map(envelope);
      let checked = 0;
      for (const e of events) {
        const schema = schemas[`EventData${e.type}`];
        if (!schema) continue;
        checked++;
        for (const key of schema.required)
          expect({ type: e.type, key, present: key in e.data }).toEqual({ type: e.type, key, present: true });
        for (const key of Object.keys(e.data))
          expect({ type: e.type, key, documented: key in schema.properties }).toEqual({ type: e.type, key, documented: true });
      }
      expect(checked).toBeGreaterThanOrEqual(4);
    } finally {
      stream.close();
    }
  });

  it('a client that does not read is sent no more: the stream pauses reading the log, then goes on when the client reads', async () => {
    const events = t.app.get<EventStore>(EVENT_STORE);
    const start = await events.headPosition();
    const big = 'x'.repeat(64 * 1024);
    const COUNT = 300;
    for (let i = 0; i < COUNT; i += 50) {
      await events.appendToStream(
        'bulk-1',
        'any',
        Array.from({ length: 50 }, (_, j) => ({
          id: crypto.randomUUID(),
          type: 'BulkWritten',
          schemaVersion: 1,
          data: { n: i + j, big },
          metadata: {},
        })),
      );
    }
    const metric = async (name: string) => {
      const text = (await http().get('/metrics').expect(200)).text;
      return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    };
    const sentBefore = await metric('event_stream_events_sent_total');
    // A raw request whose answer is never read: the socket's buffers fill, then the server's writes report back-pressure.
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(`${base}/api/events/stream?stream=bulk-&after=${start}`, { headers: as.auditor }, resolve);
      req.on('error', reject);
      req.end();
    });
    response.pause();
    try {
      for (let i = 0; i < 500 && (await metric('event_streams_waiting_for_client')) < 1; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await metric('event_streams_waiting_for_client')).toBe(1);
      const sentWhilePaused = (await metric('event_stream_events_sent_total')) - sentBefore;
      expect(sentWhilePaused).toBeLessThan(COUNT);
      // Reading again lets the stream go on to the end of the bulk.
      // Counted line by line as it comes (a frame may be split across chunks).
      let received = 0;
      let partial = '';
      response.setEncoding('utf8');
      await new Promise<void>((resolve) => {
        response.on('data', (chunk: string) => {
          const lines = (partial + chunk).split('\n');
          partial = lines.pop()!;
          received += lines.filter((line) => line === 'event: BulkWritten').length;
          if (received >= COUNT) resolve();
        });
        response.resume();
      });
      expect(received).toBe(COUNT);
    } finally {
      response.destroy();
    }
  }, 60_000);
});
