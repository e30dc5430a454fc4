import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { anEvent } from '../infrastructure/event-store/event-store.contract';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

describe('operations endpoints over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health answers 200 with both stores up and each projection caught up', async () => {
    const events = t.app.get<EventStore>(EVENT_STORE);
    await events.appendToStream('employee-E1', 'no_stream', [anEvent('EmployeeHired'), anEvent('ContractSigned')]);
    const head = (await events.headPosition()).toString();
    let body: any;
    for (let i = 0; i < 200; i++) {
      const res = await request(t.app.getHttpServer()).get('/health').expect(200);
      body = res.body;
      if (body.details.projections.runners.every((r: { checkpoint: string }) => r.checkpoint === head)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(body.status).toBe('ok');
    expect(body.details.eventStore.status).toBe('up');
    expect(body.details.readStore.status).toBe('up');
    expect(body.details.projections.runners).toContainEqual(
      expect.objectContaining({ projection: 'stream_catalog', state: 'live', checkpoint: head, head, lag: '0' }),
    );
    for (const runner of body.details.projections.runners) expect(runner).toMatchObject({ state: 'live', lag: '0' });
  });

  it('GET /health answers 503 when a store is down', async () => {
    const events = t.app.get<EventStore>(EVENT_STORE);
    const ping = jest.spyOn(events, 'ping').mockRejectedValueOnce(new Error('connection refused'));
    const res = await request(t.app.getHttpServer()).get('/health').expect(503);
    expect(res.body.details.eventStore).toEqual({ status: 'down', message: 'connection refused' });
    ping.mockRestore();
  });

  it('GET /metrics exports Prometheus text with projection lag and request timings', async () => {
    await request(t.app.getHttpServer()).get('/health');
    const res = await request(t.app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^projection_lag_positions\{projection="stream_catalog"\} \d+$/m);
    expect(res.text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+$/m);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('times requests by route pattern, never by a path holding an id', async () => {
    await request(t.app.getHttpServer()).get('/api/offboarding/CSECRET42').set(as.auditor).expect(404);
    const res = await request(t.app.getHttpServer()).get('/metrics').expect(200);
    expect(res.text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/api\/offboarding\/:caseId",status="404"\} \d+$/m);
    expect(res.text).not.toContain('CSECRET42');
  });

  it('serves the OpenAPI document at /docs-json', async () => {
    const res = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/health');
  });

  it('declares the Idempotency-Key header and its 422 on every command route, and on no read', async () => {
    const { paths } = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>>;
    };
    const takesKey = (op: { parameters?: Array<{ name: string; in: string }> }) =>
      (op.parameters ?? []).some((p) => p.name === 'Idempotency-Key' && p.in === 'header');
    const writes = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([, item]) => ['post', 'put', 'patch', 'delete'].filter((m) => item[m]).map((m) => item[m]));
    expect(writes.length).toBeGreaterThan(10);
    for (const op of writes) {
      expect(takesKey(op)).toBe(true);
      expect(op.responses['422']).toBeDefined();
    }
    expect(takesKey(paths['/api/employees/{id}'].get)).toBe(false);
  });

  it('answers an unknown path with the common error shape', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('passes on the caller’s correlation id', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').set('X-Correlation-Id', 'req-123');
    expect(res.headers['x-correlation-id']).toBe('req-123');
  });
});
