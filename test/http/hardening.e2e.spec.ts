import request from 'supertest';
import { hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, tokenFor } from '../support/tokens';

describe('hardening over HTTP', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '30', CORS_ORIGINS: 'https://hr.example.com' });
  });
  afterAll(() => t.close());

  it('refuses MongoDB operator keys and dotted keys in bodies and queries before they reach a store', async () => {
    const body = await http()
      .post('/api/employees')
      .set(as.specialist)
      .send({ ...hireBody({ employeeId: 'H1' }), contact: { $where: 'sleep(1000)' } })
      .expect(400);
    expect(body.body.errors).toEqual([expect.objectContaining({ field: 'body.contact.$where' })]);
    const query = await http().get('/api/offboarding?status[$ne]=open').set(as.specialist).expect(400);
    expect(query.body.errors).toEqual([expect.objectContaining({ field: 'query.status.$ne' })]);
    const dotted = await http()
      .post('/api/employees')
      .set(as.specialist)
      .send({ ...hireBody({ employeeId: 'H2' }), 'contact.phone': '1' })
      .expect(400);
    expect(dotted.body.errors[0].field).toBe('body.contact.phone');
  });

  it('sends secure headers', async () => {
    const res = await http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows only the configured origins across origins', async () => {
    const allowed = await http()
      .options('/api/employees')
      .set('Origin', 'https://hr.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://hr.example.com');
    const other = await http()
      .options('/api/employees')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a token once it expires, though it was accepted (and remembered) a moment before', async () => {
    const token = bearer(tokenFor('short-lived', ['auditor'], { expiresIn: 2 }));
    await http().get('/api/policies').set(token).expect(200);
    await http().get('/api/policies').set(token).expect(200);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await http().get('/api/policies').set(token).expect(401)).body.message).toBe('The token has expired');
  });

  it('validates a path parameter or query that passed before exactly as the first time', async () => {
    for (let i = 0; i < 2; i++) {
      await http().get('/api/offboarding/CNOPE1').set(as.auditor).expect(404);
      const bad = await http().get('/api/offboarding/bad%20id!').set(as.auditor).expect(400);
      expect(bad.body.errors[0].field).toBe('caseId');
      const list = await http().get('/api/offboarding?status=open&overdue=true').set(as.auditor).expect(200);
      expect(list.body.items).toEqual([]);
      expect((await http().get('/api/offboarding?status=opened').set(as.auditor).expect(400)).body.errors[0].field).toBe('status');
    }
  });

  it('limits requests per token with 429 and Retry-After, and leaves health checks alone', async () => {
    const token = bearer(tokenFor('busy-user', ['auditor']));
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await http().get('/api/policies').set(token)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const limited = await http().get('/api/policies').set(token).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 40; i++) await http().get('/health').expect(200);
  });
});
