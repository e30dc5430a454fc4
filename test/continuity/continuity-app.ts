import request from 'supertest';
import { addMonths } from '../../src/domain/shared/calendar';
import { hireBody } from '../support/http';
import { mongoTestServer } from '../support/mongo-test-server';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

/**
 * An HTTP spec run twice: on the embedded SQLite read store and on MongoDB
 * (MONGODB_URI or FerretDB; skipped with one line when neither), with the
 * application's clock fixed at `instant`, so that the defaults (`through`, the
 * retirement year) are known, or the given clock.
 */
export function describeOnEachReadStore(title: string, instant: string | (() => Date), body: (app: () => TestApp) => void): void {
  const clock = typeof instant === 'string' ? () => new Date(instant) : instant;
  const mongo = mongoTestServer(`${title} on the MongoDB read store`);
  for (const readStore of ['sqlite', 'mongo'] as const) {
    const server = readStore === 'mongo' ? mongo : null;
    (readStore === 'sqlite' || server ? describe : describe.skip)(`${title} (read store: ${readStore})`, () => {
      let t: TestApp;
      beforeAll(async () => {
        await server?.start();
        t = await startTestApp({}, { clock, mongoReadStore: server ?? undefined });
      }, 60_000);
      afterAll(async () => {
        await t?.close();
        await server?.stop();
      }, 30_000);
      body(() => t);
    });
  }
}

/** Hire, enrol and pay the given months over HTTP, as an HR specialist. */
export async function employeeWithContributions(
  t: TestApp,
  employee: Record<string, unknown>,
  startMonth: string,
  insuranceTypes: string[],
  months: Array<string | [string, string[]]>,
) {
  const http = () => request(t.app.getHttpServer());
  const id = employee.employeeId as string;
  await http().post('/api/employees').set(as.specialist).send(hireBody(employee)).expect(201);
  await http()
    .post(`/api/employees/${id}/social-insurance/enrollment`)
    .set(as.specialist)
    .send({ startMonth, insuranceTypes, contributionBase: 12000 })
    .expect(201);
  for (const entry of months) {
    const [month, types] = typeof entry === 'string' ? [entry, undefined] : entry;
    await http()
      .post(`/api/employees/${id}/social-insurance/contributions`)
      .set(as.specialist)
      .send({ month, base: 12000, ...(types ? { insuranceTypes: types } : {}) })
      .expect(201);
  }
}

/** 'YYYY-MM' months from `from` to `to`, both included. */
export function monthsFromTo(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}
