import request from 'supertest';
import { TestApp } from './test-app';

/** Polls a GET until it answers 200 and the check passes: read models follow commands asynchronously. */
export async function eventually<T = any>(
  t: TestApp,
  path: string,
  headers: Record<string, string>,
  check: (body: T) => boolean = () => true,
  ms = 3000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const res = await request(t.app.getHttpServer()).get(path).set(headers);
    if (res.status === 200 && check(res.body)) return res.body;
    if (Date.now() > until) throw new Error(`GET ${path} did not become ready: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until every projection has applied the whole log (GET /health: each runner's lag is 0). */
export async function caughtUp(t: TestApp, ms = 5000): Promise<void> {
  await eventually(
    t,
    '/health',
    {},
    (h: { details: { projections: { runners: Array<{ lag: string }> } } }) => h.details.projections.runners.every((r) => r.lag === '0'),
    ms,
  );
}

export const hireBody = (over: Record<string, unknown> = {}) => ({
  employeeId: 'E1001',
  name: '张三',
  idNumber: '11010519491231002X',
  orgUnit: 'Finance',
  category: 'enterprise_regular',
  region: 'shanghai',
  hireDate: '2020-01-06',
  monthlyWage: 12000,
  ...over,
});
