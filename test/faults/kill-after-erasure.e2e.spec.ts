import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { hireBody } from '../support/http';
import { plaintextOnDisk } from '../support/plaintext-on-disk';
import { startServiceProcess } from '../support/service-process';
import { as, TEST_SECRET } from '../support/tokens';

const NAME = '诸葛皓月';
const ID_NUMBER = '440305198704121238';
const EMAIL = 'haoyue.zhuge@example.org';

/**
 * kill -9 right after the erasure answers: no clean shutdown checkpoints the
 * WALs, so whatever the running service left in its files is what stays on disk.
 * The service runs on the real clock: the case is dated in 2024, so two years
 * after its labour termination have passed.
 */
describe('kill -9 right after an erasure', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-erase-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves no plaintext of the person in any file under DATA_DIR', async () => {
    const port = await freePort();
    const service = startServiceProcess(['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: TEST_SECRET,
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as any };
    };
    const until = async (probe: () => Promise<boolean>, what: string) => {
      for (let i = 0; i < 300; i++) {
        if (await probe().catch(() => false)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${what}: not reached; output: ${service.output()}`);
    };
    try {
      await service.healthy(port);
      const hired = await call(
        'POST',
        '/api/employees',
        as.specialist,
        hireBody({ employeeId: 'K1', name: NAME, idNumber: ID_NUMBER, contact: { email: EMAIL } }),
      );
      expect(hired.status).toBe(201);
      await until(async () => (await call('GET', '/api/employees/K1', as.specialist)).body?.name === NAME, 'the profile');
      const opened = await call('POST', '/api/offboarding', as.specialist, {
        employeeId: 'K1',
        reason: 'dismissal',
        lastWorkingDay: '2024-06-30',
        openedAt: '2024-06-01',
      });
      expect(opened.status).toBe(201);
      const step = async (key: string, body: Record<string, unknown>, who = as.specialist) =>
        expect([key, (await call('POST', `/api/offboarding/${opened.body.caseId}/steps/${key}`, who, body)).status]).toEqual([key, 200]);
      await step('approval', { effectiveDate: '2024-06-20' }, as.manager);
      await step('handover', { effectiveDate: '2024-06-28' });
      await step('si_transfer_out', { action: 'request', effectiveDate: '2024-07-01' });
      await step('si_transfer_out', { action: 'complete', effectiveDate: '2024-07-03', data: { lastPaidMonth: '2024-06' } });
      await step('labor_termination', { effectiveDate: '2024-07-05', data: { terminationDate: '2024-06-30' } });
      await until(async () => (await call('GET', '/api/employees/K1', as.specialist)).body?.status === 'separated', 'the separation');

      expect((await call('DELETE', '/api/employees/K1/personal-data', as.admin)).status).toBe(200);
      service.child.kill('SIGKILL');
      await service.exited;

      expect(plaintextOnDisk(dataDir, [NAME, ID_NUMBER, EMAIL])).toEqual([]);
    } finally {
      service.child.kill('SIGKILL');
    }
  }, 90_000);
});
