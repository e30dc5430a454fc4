/**
 * The service as the benchmarks run it: compiled with tsc into a temporary
 * directory (not dist/, which others in the tree may be using), started as a
 * child process on a free port over a given data directory, stopped with SIGTERM.
 */
import { JwtService } from '@nestjs/jwt';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { BARE_PATH, Framework } from './bare-route';

export const ROOT = join(__dirname, '..', '..');

export interface Build {
  dir: string;
  remove(): void;
}

export function buildService(): Build {
  const dir = mkdtempSync(join(os.tmpdir(), 'ledger-build-'));
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The compiled files live outside the tree, so their requires need the tree's node_modules. */
export const buildEnv = (dataDir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_PATH: join(ROOT, 'node_modules'),
  DATA_DIR: dataDir,
});

export interface Service {
  url: string;
  secret: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit (a --cpu-prof child writes its profile then). */
  stop(): Promise<void>;
}

export interface StartOptions {
  build: Build;
  dataDir: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

export async function startService({ build, dataDir, nodeArgs = [], env = {} }: StartOptions): Promise<Service> {
  const port = await freePort();
  const secret = randomBytes(32).toString('hex');
  const child = spawn(process.execPath, [...nodeArgs, join(build.dir, 'main.js')], {
    env: {
      ...buildEnv(dataDir),
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: secret,
      // The benchmark is one client sending thousands of requests a second.
      RATE_LIMIT_PER_MINUTE: '1000000000',
      ...env,
    },
    // The request log (LOG_LEVEL=info, the default) is written as in production, to a sink nobody reads.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while ((await get(`${url}/health`).catch(() => null))?.status !== 200) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the service did not answer /health within 60 s: ${stderr}`);
    await sleep(100);
  }
  return {
    url,
    secret,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A bare Nest route (bare-route.ts) on one framework, started as a child process like the service. */
export async function startBareRoute(framework: Framework): Promise<Service> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, 'bare-route.ts'), framework, String(port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while ((await get(`${url}${BARE_PATH}`).catch(() => null))?.status !== 200) {
    if (child.exitCode !== null) throw new Error(`the bare ${framework} route exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the bare ${framework} route did not answer within 60 s: ${stderr}`);
    await sleep(100);
  }
  return {
    url,
    secret: '',
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until every projection has applied the whole log (lag 0 in /health). */
export async function caughtUp(url: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await get(`${url}/health`);
    const runners =
      (JSON.parse(health.body) as { info?: { projections?: { runners?: Array<{ lag: string; state: string }> } } }).info?.projections
        ?.runners ?? [];
    if (runners.length > 0 && runners.every((r) => r.lag === '0' && r.state === 'live')) return;
    if (Date.now() > deadline) throw new Error(`projections did not catch up: ${health.body.slice(0, 500)}`);
    await sleep(200);
  }
}

export type Role = 'hr_specialist' | 'hr_manager' | 'investigator' | 'admin';

export function bearer(secret: string, sub: string, role: Role): string {
  return `Bearer ${new JwtService().sign({ sub, roles: [role] }, { secret, algorithm: 'HS256', expiresIn: 24 * 3600 })}`;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export interface Reply {
  status: number;
  body: string;
}

/** One request on a kept-alive connection (for latency samples and polling). */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const get = (url: string, headers?: Record<string, string>) => request(url, { headers });

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The .cpuprofile files a --cpu-prof child wrote into a directory. */
export const profilesIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f));
