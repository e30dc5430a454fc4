import request from 'supertest';
import { hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/**
 * Issue 11, item 6: answers of /api may hold names, ID numbers and wages, so no
 * cache (a browser's, a proxy's) may keep any of them, failures included.
 */
describe('Cache-Control on /api answers', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    t = await startTestApp();
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'E8001' }))
      .expect(201);
  });
  afterAll(() => t.close());

  const answers: Array<[string, () => request.Test, number]> = [
    [
      'a command',
      () => http().post('/api/employees/E8001/positions').set(as.specialist).send({ position: 'Accountant', effectiveDate: '2021-01-01' }),
      201,
    ],
    ['a profile', () => http().get('/api/employees/E8001').set(as.specialist).set('X-Min-Position', '0'), 200],
    ['no token', () => http().get('/api/employees/E8001'), 401],
    ['a role that may not', () => http().post('/api/employees').set(as.auditor).send(hireBody()), 403],
    ['an unknown employee', () => http().get('/api/employees/NOPE').set(as.specialist), 404],
    ['an unknown route', () => http().get('/api/nothing-here').set(as.specialist), 404],
    [
      'malformed JSON',
      () => http().post('/api/employees').set(as.specialist).set('Content-Type', 'application/json').send('{"name":'),
      400,
    ],
    ['a path that does not decode', () => http().get('/api/employees/E%zz1').set(as.specialist), 400],
    [
      'a domain refusal',
      () =>
        http()
          .post('/api/employees')
          .set(as.specialist)
          .send(hireBody({ employeeId: 'E8001' })),
      409,
    ],
  ];

  it.each(answers)('is no-store on %s', async (_, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
