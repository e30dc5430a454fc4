import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { TEST_FAILED } from './failure-aware-environment';

/** The last lines kept: enough for one test's requests, few enough to read in a CI log. */
const KEPT = 80;

/**
 * What the browser did during the current test, told only when it fails: a locator that times out
 * says what it waited for, not why it never came (a request still pending, an error on the page, a
 * route the page never took). Lines are kept per test file, cleared after every test.
 */
export class PageRecorder {
  private lines: string[] = [];
  private readonly pending = new Map<object, { what: string; since: number; context: BrowserContext }>();
  private readonly contexts = new Set<BrowserContext>();
  private readonly started = Date.now();

  /** Every context the browser opens from now on is recorded. */
  watch(browser: Browser): Browser {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => {
      const context = await newContext(options);
      this.record(context);
      return context;
    };
    return browser;
  }

  /** As an afterEach hook: when the test failed, logs what the pages did and showed, and keeps a screenshot. */
  async explainFailure(testName: string, screenshots: string): Promise<void> {
    const failed = (globalThis as Record<string, unknown>)[TEST_FAILED] === true;
    const lines = this.lines;
    this.lines = [];
    if (!failed) return;
    const now = Date.now();
    const pending = [...this.pending.values()].map((p) => `  pending for ${now - p.since} ms: ${p.what}`);
    const pages: string[] = [];
    for (const context of this.contexts)
      for (const [i, page] of context.pages().entries()) {
        const text = await page
          .locator('body')
          .innerText({ timeout: 2_000 })
          .catch((e: Error) => `(unreadable: ${e.message})`);
        pages.push(`  page ${i} at ${page.url()}:\n    ${text.replace(/\s+/g, ' ').slice(0, 1_500)}`);
        mkdirSync(screenshots, { recursive: true });
        const file = join(screenshots, `failed-${testName.replace(/[^\w-]+/g, '-').slice(0, 60)}-${i}.png`);
        await page.screenshot({ path: file, fullPage: true, timeout: 5_000 }).catch(() => undefined);
      }
    console.log(
      [`what the browser did in "${testName}":`, ...lines, 'still pending:', ...pending, 'the pages showed:', ...pages].join('\n'),
    );
  }

  private record(context: BrowserContext): void {
    this.contexts.add(context);
    context.on('close', () => {
      this.contexts.delete(context);
      // A closed context's requests never finish: else they would show as pending in every later test's report.
      for (const [request, entry] of this.pending) if (entry.context === context) this.pending.delete(request);
    });
    context.on('console', (m) => this.add(`console.${m.type()}: ${m.text()}`));
    context.on('weberror', (e) => this.add(`page error: ${e.error().stack ?? e.error().message}`));
    context.on('page', (page) => page.on('framenavigated', (f) => f.parentFrame() === null && this.add(`navigated to ${f.url()}`)));
    context.on('request', (r) => this.pending.set(r, { what: `${r.method()} ${r.url()}`, since: Date.now(), context }));
    context.on('requestfinished', async (r) => {
      const since = this.pending.get(r)?.since ?? Date.now();
      this.pending.delete(r);
      const status = (await r.response().catch(() => null))?.status() ?? '?';
      this.add(`${r.method()} ${r.url()} → ${status} in ${Date.now() - since} ms`);
    });
    context.on('requestfailed', (r) => {
      this.pending.delete(r);
      this.add(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText ?? 'unknown'}`);
    });
  }

  private add(line: string): void {
    this.lines.push(`  +${((Date.now() - this.started) / 1000).toFixed(1)} s ${line}`);
    if (this.lines.length > KEPT) this.lines.shift();
  }
}
