/**
 * The console's first page (npm run bench:console), against issue 14's budget: "the first page loads
 * ≤ 1 s from a local service with the demo data". Builds the console (console/build.ts) and the service
 * (tsc), seeds the demo organisation (runDemo, CONSOLE_BENCH_EMPLOYEES employees, default 1000) into a
 * temporary data directory, starts the compiled service on it, and in Debian's Chromium (playwright-core,
 * headless) measures over CONSOLE_BENCH_RUNS runs (default 15), each in a fresh browser context (empty cache):
 *  - baseline: the bare GET /console/ page until the sign-in form shows (HTML, script, stylesheet, first render);
 *  - board: signed in (the token in sessionStorage, as the console keeps it), /console/#/board until the
 *    board's cases are rendered (GET /api/session, GET /api/offboarding?status=open, the columns and cards);
 * and, from Node, GET /api/offboarding?status=open alone. Prints median and p95 of each against the 1 s budget
 * and the board against the baseline of the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildConsole } from '../console/build';
import { loadConfig } from '../src/config/config';
import { runDemo } from '../src/demo/run-demo';
import { businessDate } from '../src/infrastructure/business-day';
import { createEventStore } from '../src/personal-data/sealed-event-store';
import { commandLine, machineLines, positiveIntFromEnv, table } from './support/machine';
import { bearer, buildService, caughtUp, get, startService } from './support/service';

const EMPLOYEES = positiveIntFromEnv('CONSOLE_BENCH_EMPLOYEES', 1000);
const RUNS = positiveIntFromEnv('CONSOLE_BENCH_RUNS', 15);
const WARMUP = 2;
const BUDGET_MS = 1000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the console keeps the token for the tab (console/src/session.ts). */
const TOKEN_KEY = 'ledger.console.token';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

async function main() {
  const lines = machineLines(commandLine('bench:console', ['CONSOLE_BENCH_EMPLOYEES', 'CONSOLE_BENCH_RUNS', 'CHROMIUM_PATH']));
  for (const line of lines) process.stdout.write(`${line}\n`);
  const consoleDir = mkdtempSync(join(tmpdir(), 'ledger-console-bench-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-console-bench-data-'));
  const build = buildService();
  let browser: Browser | undefined;
  let stop = async () => undefined as void;
  try {
    const built = await buildConsole(consoleDir);
    process.stdout.write(`console:    first-page script ${(built.upFrontScriptGzipBytes / 1024).toFixed(1)} KB gzip\n`);

    const seeding = performance.now();
    const events = await createEventStore(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    try {
      await runDemo(events, { seed: 14, asOf: businessDate(new Date()), employees: EMPLOYEES, clock: () => new Date() });
    } finally {
      await events.close();
    }
    process.stdout.write(`demo:       ${EMPLOYEES} employees seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s\n`);

    const service = await startService({ build, dataDir, env: { CONSOLE_DIR: consoleDir, LOG_LEVEL: 'warn' } });
    stop = service.stop;
    await caughtUp(service.url);
    const authorization = bearer(service.secret, 'bench-manager', 'hr_manager');
    const token = authorization.replace(/^Bearer /, '');

    const apiTimes: number[] = [];
    let openCases = 0;
    let answerBytes = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const started = performance.now();
      const reply = await get(`${service.url}/api/offboarding?status=open`, { Authorization: authorization });
      if (reply.status !== 200) throw new Error(`GET /api/offboarding answered ${reply.status}: ${reply.body.slice(0, 300)}`);
      if (i >= WARMUP) apiTimes.push(performance.now() - started);
      openCases = (JSON.parse(reply.body) as { items: unknown[] }).items.length;
      answerBytes = Buffer.byteLength(reply.body);
    }
    process.stdout.write(`cases:      ${openCases} open, the list ${(answerBytes / 1024).toFixed(1)} KB\n\n`);

    browser = await launch();
    const baseline: number[] = [];
    const board: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      {
        const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(`${service.url}/console/`);
        await page.locator('#token').waitFor();
        if (i >= WARMUP) baseline.push(performance.now() - started);
        await context.close();
      }
      {
        const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1600, height: 1000 } });
        await context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [TOKEN_KEY, token] as const);
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(`${service.url}/console/#/board`);
        await page.locator('[data-testid="board-count"]').waitFor();
        if (openCases > 0) await page.locator('article.case-card').first().waitFor();
        if (i >= WARMUP) board.push(performance.now() - started);
        const shown = await page.locator('article.case-card').count();
        if (shown > openCases || (openCases > 0 && shown === 0)) throw new Error(`the board shows ${shown} of ${openCases} open cases`);
        await context.close();
      }
    }

    const row = (name: string, values: number[]) => {
      const median = quantile(values, 0.5);
      const p95 = quantile(values, 0.95);
      return [name, ms(median), ms(p95), p95 <= BUDGET_MS ? 'met' : 'MISSED'];
    };
    process.stdout.write(
      `${table(
        ['first page (fresh context, empty cache)', 'median', 'p95', `budget ${BUDGET_MS} ms`],
        [
          row('baseline: GET /console/ to the sign-in form', baseline),
          row('board: /console/#/board to its cases rendered', board),
          row('GET /api/offboarding?status=open (from Node)', apiTimes),
        ],
      )}\n`,
    );
    const ratio = quantile(board, 0.5) / quantile(baseline, 0.5);
    process.stdout.write(
      `\nboard / baseline (medians): ${ratio.toFixed(2)}; the board's own cost (median difference): ${ms(quantile(board, 0.5) - quantile(baseline, 0.5))}\n`,
    );
    process.stdout.write(`runs: ${RUNS} of each after ${WARMUP} warm-up runs\n`);
  } finally {
    await browser?.close();
    await stop();
    build.remove();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(consoleDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
