import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { addMonths } from '../../src/domain/shared/calendar';
import { FerretDb, findFerretDbBinary, startFerretDb } from '../support/ferretdb';
import { hireBody } from '../support/http';
import { TestApp } from '../support/test-app';
import { as, TEST_SECRET } from '../support/tokens';

/**
 * An HTTP spec run twice: on the embedded SQLite read store and on MongoDB (FerretDB,
 * skipped when its binary is not built), with the application's clock fixed at
 * `instant`, so that the defaults (`through`, the retirement year) are known.
 */
export function describeOnEachReadStore(title: string, instant: string, body: (app: () => TestApp) => void): void {
  const ferretDbBinary = findFerretDbBinary();
  for (const readStore of ['sqlite', 'mongo'] as const) {
    const available = readStore === 'sqlite' || ferretDbBinary !== null;
    (available ? describe : describe.skip)(`${title} (read store: ${readStore})`, () => {
      let t: TestApp;
      let ferretDb: FerretDb | undefined;
      beforeAll(async () => {
        ferretDb = readStore === 'mongo' ? await startFerretDb(ferretDbBinary!) : undefined;
        t = await startAppAt(instant, ferretDb ? { READ_STORE: 'mongo', MONGODB_URI: ferretDb.uri } : {});
      }, 60_000);
      afterAll(async () => {
        await t?.close();
        await ferretDb?.stop();
      }, 30_000);
      body(() => t);
    });
  }
}

async function startAppAt(instant: string, env: Record<string, string>): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-continuity-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_SECRET, RATE_LIMIT_PER_MINUTE: '1000000', ...env });
  const app = await createApp(config, { clock: () => new Date(instant) });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Hire, enrol and pay the given months over HTTP, as an HR specialist. */
export async function employeeWithContributions(t: TestApp, employee: Record<string, unknown>, startMonth: string, insuranceTypes: string[], months: Array<string | [string, string[]]>) {
  const http = () => request(t.app.getHttpServer());
  const id = employee.employeeId as string;
  await http().post('/api/employees').set(as.specialist).send(hireBody(employee)).expect(201);
  await http().post(`/api/employees/${id}/social-insurance/enrollment`).set(as.specialist).send({ startMonth, insuranceTypes, contributionBase: 12000 }).expect(201);
  for (const entry of months) {
    const [month, types] = typeof entry === 'string' ? [entry, undefined] : entry;
    await http().post(`/api/employees/${id}/social-insurance/contributions`).set(as.specialist).send({ month, base: 12000, ...(types ? { insuranceTypes: types } : {}) }).expect(201);
  }
}

/** 'YYYY-MM' months from `from` to `to`, both included. */
export function monthsFromTo(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}
