import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/free-port';
import { startServiceProcess } from './support/service-process';

/** Runs the real entry point (src/main.ts) as a process, as `npm start` does after the build. */
const startMain = (env: Record<string, string>) => startServiceProcess(['-r', 'ts-node/register/transpile-only', 'src/main.ts'], env);

describe('the service process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-main-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start on bad configuration, naming every bad variable', async () => {
    const run = startMain({ DATA_DIR: dataDir, EVENT_STORE: 'postgres', PORT: 'eighty' });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('EVENT_STORE: must be one of sqlite, esdb');
    expect(run.output()).toContain('PORT: must be a port number');
  }, 30_000);

  it('starts on the embedded stores, answers /health, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const run = startMain({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    await run.healthy(port);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('SIGTERM received, shutting down');
  }, 90_000);
});
