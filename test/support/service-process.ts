import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ServiceProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The service as a child process, from the repository root: `args` after node's own
 * (the TypeScript entry point through ts-node, or a compiled main.js), with only PATH,
 * LOG_LEVEL=warn and `env` in its environment.
 */
export function startServiceProcess(args: string[], env: Record<string, string>): ServiceProcess {
  let output = '';
  const child = spawn(process.execPath, args, {
    cwd: join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
