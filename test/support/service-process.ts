import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ServiceProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
  /**
   * Resolves once GET /health on `port` answers 200. Fails at once if the process exits first,
   * and after `ms` otherwise, either way with what the service printed: a bare "not reached"
   * cannot tell a crash at start-up from a slow start on a loaded machine.
   */
  healthy: (port: number, ms?: number) => Promise<void>;
}

/**
 * The service as a child process, from the repository root: `args` after node's own
 * (the TypeScript entry point through ts-node, or a compiled main.js), with only PATH,
 * LOG_LEVEL=warn and `env` in its environment.
 */
export function startServiceProcess(args: string[], env: Record<string, string>): ServiceProcess {
  let output = '';
  let exitCode: number | null | undefined;
  const child = spawn(process.execPath, args, {
    cwd: join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const healthy = async (port: number, ms = 60_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      if (exitCode !== undefined) throw new Error(`the service exited (${exitCode}) before /health answered; it printed:\n${output}`);
      const status = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.status,
        (e: Error) => e.message,
      );
      if (status === 200) return;
      if (Date.now() > deadline)
        throw new Error(`/health on ${port}: no 200 within ${ms} ms (last: ${status}); the service printed:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, output: () => output, exited, healthy };
}
