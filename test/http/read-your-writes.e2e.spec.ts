import request from 'supertest';
import { hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/**
 * docs/API.md: a read that sends a command's position back as X-Min-Position is
 * answered once the read models have applied it, and a read model that cannot
 * reach it within the bound answers 503 READ_MODEL_BEHIND with Retry-After.
 */
describe('read-your-writes (X-Min-Position)', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const BOUND_MS = 300;

  beforeAll(async () => {
    t = await startTestApp({ READ_YOUR_WRITES_TIMEOUT_MS: String(BOUND_MS) });
  });
  afterAll(() => t.close());

  it('a case created and opened at once is never missing when the read sends the command’s position', async () => {
    for (let i = 0; i < 50; i++) {
      const employeeId = `E95${String(i).padStart(2, '0')}`;
      const hired = await http().post('/api/employees').set(as.specialist).send(hireBody({ employeeId })).expect(201);
      const profile = await http().get(`/api/employees/${employeeId}`).set(as.auditor).set('X-Min-Position', hired.body.position);
      expect(profile.status).toBe(200);
      const opened = await http()
        .post('/api/offboarding')
        .set(as.specialist)
        .send({ employeeId, reason: 'resignation', lastWorkingDay: '2024-06-30', openedAt: '2024-06-01' })
        .expect(201);
      const read = await http()
        .get(`/api/offboarding/${opened.body.caseId}`)
        .set(as.specialist)
        .set('X-Min-Position', opened.body.position);
      expect({ i, status: read.status }).toEqual({ i, status: 200 });
      expect(read.body).toMatchObject({ caseId: opened.body.caseId, employeeId, status: 'open' });
    }
  }, 60_000);

  it('a position the log has not reached answers 503 READ_MODEL_BEHIND with Retry-After once the bound has passed', async () => {
    const started = Date.now();
    const res = await http().get('/api/offboarding').set(as.auditor).set('X-Min-Position', '9000000000000000000');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatchObject({ statusCode: 503, code: 'READ_MODEL_BEHIND', position: '9000000000000000000' });
    // It waited for the bound rather than refusing at once (an upper limit would make this a timed test).
    expect(Date.now() - started).toBeGreaterThanOrEqual(BOUND_MS - 5);
  });

  it('a position already applied answers at once, and a read without the header is unchanged', async () => {
    await http().get('/api/offboarding').set(as.auditor).set('X-Min-Position', '0').expect(200);
    await http().get('/api/offboarding').set(as.auditor).expect(200);
  });

  it.each(['abc', '-1', '1.5', '', '99999999999999999999', '12 13'])('X-Min-Position %p is 400 naming the header', async (value) => {
    const res = await http().get('/api/offboarding').set(as.auditor).set('X-Min-Position', value);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION', errors: [{ field: 'X-Min-Position' }] });
  });

  it('a caller without a token is 401 and does not wait', async () => {
    await http().get('/api/offboarding').set('X-Min-Position', '9000000000000000000').expect(401);
  });

  it('the OpenAPI document declares X-Min-Position and its 503 on every /api read', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body;
    const reads = Object.entries(
      doc.paths as Record<string, { get?: { parameters?: Array<{ name: string; in: string }>; responses: object } }>,
    )
      .filter(([path, item]) => path.startsWith('/api/') && item.get)
      .map(([path, item]) => ({ path, op: item.get! }));
    expect(reads.length).toBeGreaterThan(10);
    for (const { path, op } of reads) {
      expect({ path, header: op.parameters?.some((p) => p.name === 'X-Min-Position' && p.in === 'header') }).toEqual({
        path,
        header: true,
      });
      expect(op.responses).toHaveProperty('503');
    }
  });
});
