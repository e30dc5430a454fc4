import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildConsole } from '../../console/build';
import { loadConfig } from '../../src/config/config';
import { runDemo } from '../../src/demo/run-demo';
import { businessDate } from '../../src/infrastructure/business-day';
import { createEventStore } from '../../src/personal-data/sealed-event-store';
import { startTestApp, TestApp } from './test-app';
import { PageRecorder } from './page-recorder';
import { tokenFor } from './tokens';
import { Role } from '../../src/domain/shared/vocabulary';

/**
 * Debian's Chromium (apt-get install chromium; .ci/run installs it), driven by playwright-core
 * with no browser download. Without it the browser suites are reported skipped, test by test.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const describeInBrowser = (name: string, tests: () => void): void =>
  (existsSync(CHROMIUM) ? describe : describe.skip)(name, () => {
    // First, so that it runs before the suite's own afterEach closes the pages it describes.
    afterEach(() => recorder.explainFailure(expect.getState().currentTestName ?? name, SCREENSHOTS));
    tests();
  });

/** What the browser did in this file's current test, told when the test fails. */
const recorder = new PageRecorder();

/** Screenshots for a reviewer (not committed): test-output/console/<name>.png. */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'console');

/**
 * Headless, as root needs (--no-sandbox), and quiet on a machine without the open internet: without
 * the background-networking flags Chromium's own connections are refused many at a time.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return recorder.watch(browser);
}

export interface ConsoleService {
  app: TestApp;
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

/**
 * The service on the demo organisation (`npm run demo` with `employees`, a fixed seed, up to
 * yesterday), serving a console freshly built from console/src, as `npm start` after
 * `npm run demo` would; `env` adds settings (an identity provider's OIDC_*).
 */
export async function startConsoleService(employees = 30, env: Record<string, string> = {}): Promise<ConsoleService> {
  const consoleDir = mkdtempSync(join(tmpdir(), 'ledger-console-'));
  await buildConsole(consoleDir);
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-console-data-'));
  const events = await createEventStore(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  try {
    const asOf = businessDate(new Date());
    await runDemo(events, { seed: 14, asOf, employees, clock: () => new Date() });
  } finally {
    await events.close();
  }
  const app = await startTestApp({ DATA_DIR: dataDir, CONSOLE_DIR: consoleDir, ...env });
  const address = app.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('the service is not listening on a port');
  return {
    app,
    origin: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(consoleDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the page, as a person would: pastes the token and waits for the signed-in header. */
export async function signIn(page: Page, origin: string, subject: string, roles: Role[]): Promise<void> {
  await page.goto(`${origin}/console/`);
  await page.getByLabel(/访问令牌|Access token/).fill(tokenFor(subject, roles));
  await page.getByRole('button', { name: /^登录$|^Sign in$/ }).click();
  await page.locator(`[data-subject="${subject}"]`).waitFor();
}

/**
 * A busy machine, made certain: the page never paints a frame, and the 100 ms fallback after
 * which Preact runs effects anyway waits 3 s. What a component does in an effect (subscribing
 * to route changes, moving the focus) then happens well after what it rendered is on screen.
 */
export async function holdPaint(page: Page): Promise<void> {
  await page.addInitScript(`
    window.requestAnimationFrame = () => 0;
    const setTimeoutAsBefore = window.setTimeout;
    window.setTimeout = (run, ms, ...rest) => setTimeoutAsBefore(run, ms === 100 ? 3000 : ms, ...rest);
  `);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
