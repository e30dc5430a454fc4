import { until } from './support/until';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hireBody } from './support/http';
import { plaintextOnDisk } from './support/plaintext-on-disk';
import { freePort } from './support/free-port';
import { startServiceProcess } from './support/service-process';
import { as, TEST_SECRET } from './support/tokens';

/**
 * The compiled service, as `npm start` runs it. Only there do the projections run in
 * their worker thread (projection-thread.ts: the worker script exists only once
 * compiled); every other end-to-end suite runs from the TypeScript sources, in-process.
 * This suite checks the worker mode end to end: reads follow commands, the process
 * manager's appends (made through the request thread) land, /health reports the
 * worker's runners, SIGTERM stops it cleanly, and a restart resumes from checkpoints.
 */
const root = join(__dirname, '..');
// Inside the repository, so that the compiled files resolve node_modules.
const outDir = join(root, '.build-test', String(process.pid));

const startCompiled = (dataDir: string, port: number) =>
  startServiceProcess([join(outDir, 'main.js')], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_JWT_SECRET: TEST_SECRET,
  });

describe('the compiled service (projections in a worker thread)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-compiled-'));
  let port = 0;
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url(path), {
      method,
      headers: { ...as.specialist, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

  beforeAll(async () => {
    port = await freePort();
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: root,
      stdio: 'pipe',
    });
  }, 180_000);
  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names a worker script that the build produced (else the service would quietly keep its projections in-process)', () => {
    // The compiled file, loaded as the service loads it (not through Jest's transform of src/).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PROJECTION_WORKER_SCRIPT } = require(join(outDir, 'app.projections.js')) as { PROJECTION_WORKER_SCRIPT: string };
    expect(existsSync(PROJECTION_WORKER_SCRIPT)).toBe(true);
  });

  it('follows commands, runs the process manager, stops on SIGTERM and resumes after a restart', async () => {
    let run = startCompiled(dataDir, port);
    try {
      await run.healthy(port);

      const hired = await call('POST', '/api/employees', hireBody({ employeeId: 'W1' }));
      expect(hired.status).toBe(201);
      // Read-your-writes across the thread boundary: the worker's progress reaches the request thread in shared memory.
      const fresh = await fetch(url('/api/employees/W1'), { headers: { ...as.specialist, 'X-Min-Position': hired.body.position } });
      expect(fresh.status).toBe(200);
      await until(
        () => call('GET', '/api/employees/W1'),
        (r) => r.status === 200,
        'the profile read model',
      );
      // The worker's projections are handed personal data opened; the read models it writes must not keep it.
      expect((await call('GET', '/api/employees/W1')).body.name).toBe('张三');
      expect(plaintextOnDisk(dataDir, ['张三', '11010519491231002X'])).toEqual([]);

      const opened = await call('POST', '/api/offboarding', { employeeId: 'W1', reason: 'resignation', lastWorkingDay: '2024-06-30' });
      expect(opened.status).toBe(201);
      expect((await call('POST', `/api/offboarding/${opened.body.caseId}/cancel`, { note: 'withdrawn' })).status).toBe(200);
      // The archive's one-open-case lock is released by the process manager, which runs in the
      // worker and appends through the request thread: a second case can then be opened.
      const reopened = await until(
        () => call('POST', '/api/offboarding', { employeeId: 'W1', reason: 'resignation', lastWorkingDay: '2024-07-31' }),
        (r) => r.status === 201,
        'a second case after the lock was released',
      );
      await until(
        () => call('GET', `/api/offboarding/${reopened.body.caseId}`),
        (r) => r.status === 200,
        'the case view',
      );

      const health = await until(
        () => fetch(url('/health')).then((r) => r.json() as Promise<any>),
        (h) => h.details.projections.runners.every((r: { lag: string }) => r.lag === '0'),
        'every runner caught up',
      );
      for (const runner of health.details.projections.runners) expect(runner).toMatchObject({ state: 'live', generation: 1 });

      // An open event stream does not hold the server open at shutdown: the service ends it.
      const feed = await fetch(url('/api/events/stream'), { headers: as.auditor });
      expect(feed.status).toBe(200);
      const reader = feed.body!.getReader();
      await reader.read();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).not.toMatch(/"level":50/);
      await reader.cancel().catch(() => undefined);

      // After a restart the runners resume from their checkpoints: the same generation, nothing rebuilt.
      run = startCompiled(dataDir, port);
      await run.healthy(port);
      expect((await call('GET', '/api/employees/W1')).status).toBe(200);
      const after = (await fetch(url('/health')).then((r) => r.json())) as any;
      for (const runner of after.details.projections.runners) expect(runner).toMatchObject({ generation: 1 });
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 240_000);
});
