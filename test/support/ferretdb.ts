/**
 * Runs a throwaway FerretDB (MongoDB wire protocol over SQLite) for integration
 * tests: built by `.ci/ferretdb.sh` into `.tools/bin/ferretdb`, or given by FERRETDB_BIN.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

export interface FerretDb {
  uri: string;
  stop(): Promise<void>;
}

const START_ATTEMPTS = 3;
const READY_TIMEOUT_MS = 15_000;

/** FERRETDB_BIN, else `<repo>/.tools/bin/ferretdb`; null when neither exists. */
export function findFerretDbBinary(): string | null {
  const candidate = process.env.FERRETDB_BIN || resolve(__dirname, '../../.tools/bin/ferretdb');
  return existsSync(candidate) ? candidate : null;
}

/** Starts FerretDB on a free 127.0.0.1 port with its SQLite backend in a fresh temp dir; resolves once it accepts connections. */
export async function startFerretDb(binary: string): Promise<FerretDb> {
  let lastError: unknown;
  // The free port is only free when we probe it: another process may take it before FerretDB binds it.
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'ferretdb-'));
    const port = await freePort();
    const child = spawn(
      binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/`,
        `--listen-addr=127.0.0.1:${port}`,
        `--state-dir=${dir}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=error',
      ],
      { env: { ...process.env, DO_NOT_TRACK: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    try {
      await waitUntilListening(port, child);
      return {
        uri: `mongodb://127.0.0.1:${port}/`,
        stop: async () => {
          await stopProcess(child, exited);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = new Error(`FerretDB did not start: ${(error as Error).message}\n${stderr}`);
      await stopProcess(child, exited);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw lastError;
}

async function waitUntilListening(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    if (await accepts(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not listening on port ${port} after ${READY_TIMEOUT_MS} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}
