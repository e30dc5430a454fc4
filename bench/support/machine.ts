import Database from 'better-sqlite3';
import os from 'node:os';

/** The lines every benchmark prints first: where and how its figures were made. */
export function machineLines(command: string): string[] {
  const cpus = os.cpus();
  const memory = new Database(':memory:');
  const sqlite = String(memory.prepare('SELECT sqlite_version()').pluck().get());
  memory.close();
  const betterSqlite = (require('better-sqlite3/package.json') as { version: string }).version;
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return [
    `command:    ${command}`,
    `machine:    ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown cpu'}), ${memoryGiB} GiB, ${os.platform()} ${os.release()} ${os.arch()}`,
    `runtime:    node ${process.version}, SQLite ${sqlite} (better-sqlite3 ${betterSqlite}), files in ${os.tmpdir()}`,
  ];
}

/** How the benchmark was started, environment knobs included, so that BENCHMARKS.md can quote it. */
export function commandLine(script: string, knobs: string[]): string {
  const set = knobs.filter((name) => process.env[name] !== undefined).map((name) => `${name}=${process.env[name]}`);
  return [...set, `npm run ${script}`].join(' ');
}

export function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n');
}
