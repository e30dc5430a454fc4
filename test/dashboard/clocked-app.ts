/**
 * The service on the embedded stores with a clock the test sets: the day a case
 * is opened, a step is recorded or a command refused is the day the test says,
 * so that every dashboard and report figure can be checked exactly.
 */
import { isDeepStrictEqual } from 'node:util';
import request from 'supertest';
import { hireBody } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

export interface ClockedApp extends TestApp {
  /** Sets the application's clock to 09:00 UTC of the day. */
  setToday(day: string): void;
}

export async function startClockedApp(): Promise<ClockedApp> {
  let now = new Date('2024-01-02T09:00:00.000Z');
  const t = await startTestApp({}, { clock: () => new Date(now) });
  return { ...t, setToday: (day) => (now = new Date(`${day}T09:00:00.000Z`)) };
}

type Who = Record<string, string>;

/** Commands as HR sends them, each on the day given (the clock is set first). */
export function hrApi(t: ClockedApp) {
  const http = () => request(t.app.getHttpServer());
  const on = (day: string) => t.setToday(day);
  return {
    http,
    async hire(day: string, employeeId: string, over: Record<string, unknown> = {}) {
      on(day);
      await http()
        .post('/api/employees')
        .set(as.specialist)
        .send(hireBody({ employeeId, ...over }))
        .expect(201);
    },
    async enrol(day: string, employeeId: string, startMonth: string) {
      on(day);
      await http()
        .post(`/api/employees/${employeeId}/social-insurance/enrollment`)
        .set(as.specialist)
        .send({ startMonth, insuranceTypes: ['pension', 'medical'], contributionBase: 12000 })
        .expect(201);
    },
    async contract(day: string, employeeId: string, startDate: string) {
      on(day);
      await http()
        .post(`/api/employees/${employeeId}/contracts`)
        .set(as.specialist)
        .send({ contractId: `${employeeId}-C1`, type: 'open_ended', startDate })
        .expect(201);
    },
    async open(day: string, employeeId: string, reason: string, lastWorkingDay: string): Promise<string> {
      on(day);
      return (await http().post('/api/offboarding').set(as.specialist).send({ employeeId, reason, lastWorkingDay }).expect(201)).body
        .caseId;
    },
    /** A step command on `day`, effective that day; answers the response for the caller to check. */
    step(day: string, caseId: string, key: string, body: Record<string, unknown> = {}, who: Who = as.specialist) {
      on(day);
      return http()
        .post(`/api/offboarding/${caseId}/steps/${key}`)
        .set(who)
        .send({ effectiveDate: day, ...body });
    },
    /** A GET that must answer 200; its body. */
    async read(path: string, who: Who): Promise<any> {
      return (await http().get(path).set(who).expect(200)).body;
    },
    async cancel(day: string, caseId: string) {
      on(day);
      await http().post(`/api/offboarding/${caseId}/cancel`).set(as.specialist).send({ note: 'Resignation withdrawn' }).expect(200);
    },
  };
}

/** Polls a GET until it answers 200 with exactly `expected` (read models follow commands), then returns the last body for the test to compare. */
export async function settled(t: TestApp, path: string, who: Who, expected: unknown, ms = 5000): Promise<unknown> {
  const until = Date.now() + ms;
  for (;;) {
    const res = await request(t.app.getHttpServer()).get(path).set(who);
    if ((res.status === 200 && isDeepStrictEqual(res.body, expected)) || Date.now() > until) return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
}
