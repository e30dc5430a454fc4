import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hireBody } from '../support/http';
import { as, TEST_SECRET } from '../support/tokens';
import { freePort } from '../support/free-port';

function startService(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: join(__dirname, '../..'),
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      AUTH_JWT_SECRET: TEST_SECRET,
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: 'ignore',
  });
}

async function waitForHealth(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      (await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the service did not start');
}

const post = (port: number, body: unknown) =>
  fetch(`http://127.0.0.1:${port}/api/employees`, {
    method: 'POST',
    headers: { ...as.specialist, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }).then(
    (r) => r.status,
    () => 0,
  );

describe('kill -9 of the service under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged command: every 201 before the kill is there after a restart', async () => {
    const port = await freePort();
    const first = startService(dataDir, port);
    await waitForHealth(port);
    const acknowledged: string[] = [];
    let n = 0;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (;;) {
        const id = `K${w}-${n++}`;
        const status = await post(port, hireBody({ employeeId: id }));
        if (status === 201) acknowledged.push(id);
        else if (status === 0) return; // the process is gone
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    first.kill('SIGKILL');
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(10);

    const second = startService(dataDir, port);
    try {
      await waitForHealth(port);
      for (const id of acknowledged) {
        const res = await fetch(`http://127.0.0.1:${port}/api/employees/${id}`, { headers: as.auditor });
        // The profile is a read model: give the projection a moment after the restart.
        let status = res.status;
        for (let i = 0; i < 50 && status === 404; i++) {
          await new Promise((r) => setTimeout(r, 100));
          status = (await fetch(`http://127.0.0.1:${port}/api/employees/${id}`, { headers: as.auditor })).status;
        }
        expect([id, status]).toEqual([id, 200]);
      }
    } finally {
      second.kill('SIGTERM');
    }
  }, 90_000);
});
