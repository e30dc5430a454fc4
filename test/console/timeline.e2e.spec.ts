import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { checkEvidence } from '../../src/audit/evidence-check';
import { Role } from '../../src/domain/shared/vocabulary';
import { ConsoleService, describeInBrowser, launchChromium, screenshot, signIn, startConsoleService } from '../support/console-browser';
import { caughtUp } from '../support/http';
import { as } from '../support/tokens';

/** The console asks for pages of this size (console/src/pages/timeline.tsx). */
const PAGE_SIZE = 100;

interface Item {
  position: string;
  stream: string;
  revision: string;
  hash: string | null;
  type: string;
  recordedAt: string;
}
interface Answer {
  order: string;
  asKnownAt: string | null;
  items: Item[];
  total: number;
}
interface Run {
  from: string;
  to: string;
  state: string;
}

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
/** An instant as a datetime-local picker shows it in Shanghai (UTC+8), to the second. */
const shanghaiPicker = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);

/**
 * Issue 14, the employee timeline and continuity pages in Chromium on the demo data: the
 * entries shown are the API's answer in both orders and as known at a past instant;
 * investigators see masked names and hashes but no raw-envelope link; the evidence
 * package downloads from the page and verifies offline; the continuity calendar's cells
 * are the API's months.
 */
describeInBrowser('console timeline and continuity (Chromium)', () => {
  let service: ConsoleService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** A demo employee with an offboarding case and refused commands. */
  let employeeId: string;
  /** One with more entries than a page, if the demo has one. */
  let longest: { id: string; total: number };

  const api = <T>(path: string, who: Record<string, string> = as.investigator): Promise<T> =>
    request(service.app.app.getHttpServer())
      .get(path)
      .set(who)
      .expect(200)
      .then((r) => r.body as T);
  const timeline = (query: Record<string, string> = {}) =>
    api<Answer>(`/api/employees/${employeeId}/timeline?${new URLSearchParams({ pageSize: String(PAGE_SIZE), ...query })}`);

  /** The rows the page shows: type and log position, in the order shown. */
  const shownEntries = () =>
    page
      .locator('table.timeline tbody tr.entry')
      .evaluateAll((rows) => rows.map((r) => ({ type: r.getAttribute('data-type'), position: r.getAttribute('data-position') })));
  const expected = (answer: Answer) => answer.items.map((i) => ({ type: i.type, position: i.position }));

  beforeAll(async () => {
    [service, browser] = await Promise.all([startConsoleService(), launchChromium()]);
    // The read models catch up with the demo's log after the start.
    await caughtUp(service.app, 60_000);
    const rejections = await api<{ items: Array<{ employeeId: string | null; caseId: string | null }> }>(
      '/api/audit/rejections?pageSize=500',
      as.auditor,
    );
    const caseIds = [...new Set(rejections.items.map((r) => r.caseId).filter((c): c is string => c !== null))].sort();
    expect(caseIds.length).toBeGreaterThan(0);
    const people = new Set<string>();
    for (const caseId of caseIds) people.add((await api<{ employeeId: string }>(`/api/offboarding/${caseId}`)).employeeId);
    const sizes: Array<{ id: string; total: number }> = [];
    for (const id of people) sizes.push({ id, total: (await api<Answer>(`/api/employees/${id}/timeline?pageSize=1`)).total });
    // The shortest history, so that its refusals are on the first page.
    employeeId = sizes.sort((a, b) => a.total - b.total || (a.id < b.id ? -1 : 1))[0].id;
    longest = sizes[sizes.length - 1];
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });
  beforeEach(async () => {
    // A browser in another zone than the business one: the picker's time is still read as Shanghai's.
    context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Europe/Berlin',
      acceptDownloads: true,
      viewport: { width: 1400, height: 900 },
    });
    page = await context.newPage();
  });
  afterEach(() => context.close());

  async function open(role: Role, subject = `console-${role}`) {
    await signIn(page, service.origin, subject, [role]);
    await page.goto(`${service.origin}/console/#/timeline/${employeeId}`);
    await page.locator('table.timeline tbody tr.entry').first().waitFor();
  }

  it('as an investigator: the entries equal the API’s in recorded order, in effective order and as known at a past instant; names masked, hashes shown, no raw link', async () => {
    await open('investigator');
    const recorded = await timeline();
    expect(recorded.items.some((i) => i.type === 'CommandRefused')).toBe(true);
    expect(recorded.items.some((i) => i.type === 'OffboardingCaseOpened')).toBe(true);
    await expect(shownEntries()).resolves.toEqual(expected(recorded));
    await expect(page.locator('.timeline-count').getAttribute('data-total')).resolves.toBe(String(recorded.total));

    // Masked as the API masks it for this role, and not the name HR sees.
    const masked = (await api<{ name: string }>(`/api/employees/${employeeId}`)).name;
    const unmasked = (await api<{ name: string }>(`/api/employees/${employeeId}`, as.specialist)).name;
    expect(masked).toContain('*');
    await expect(page.locator('.person-name').textContent()).resolves.toBe(masked);
    await expect(page.locator('body').textContent()).resolves.not.toContain(unmasked);

    // Hashes for every entry, as the API gives them; no raw-envelope link (investigators may not read /api/audit).
    const hashes = await page.locator('table.timeline tbody tr.entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-hash')));
    expect(hashes).toEqual(recorded.items.map((i) => i.hash));
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h ?? ''))).toBe(true);
    const firstHash = page.locator('table.timeline tbody tr.entry').first().locator('.hash-cell');
    await expect(firstHash.locator('summary').textContent()).resolves.toContain(recorded.items[0].hash!.slice(0, 12));
    await firstHash.locator('summary').click();
    await expect(firstHash.locator('code.hash').textContent()).resolves.toBe(recorded.items[0].hash);
    await expect(page.locator('a.raw-link').count()).resolves.toBe(0);
    await expect(page.getByRole('columnheader', { name: '原始事件' }).count()).resolves.toBe(0);
    await screenshot(page, 'timeline-recorded');

    // The order switch: a labelled radio group.
    await page.getByRole('radio', { name: /业务日期顺序/ }).check();
    await page.locator('table.timeline[data-order="effective"]').waitFor();
    const effective = await timeline({ order: 'effective' });
    expect(expected(effective)).not.toEqual(expected(recorded));
    await expect(shownEntries()).resolves.toEqual(expected(effective));
    expect(page.url()).toContain('order=effective');

    // As known at an instant in the past, picked in Shanghai time: half-way through the person's recorded history.
    const instants = [...new Set(recorded.items.map((i) => Math.floor(Date.parse(i.recordedAt) / 1000) * 1000))].sort((a, b) => a - b);
    const past = instants[Math.floor(instants.length / 2)];
    await page.getByLabel(/截至该时刻已知/).fill(shanghaiPicker(past));
    await page.getByRole('button', { name: '应用筛选' }).click();
    const sent = `${shanghaiPicker(past)}+08:00`;
    await page.locator(`table.timeline[data-as-known-at="${new Date(past).toISOString()}"]`).waitFor();
    const knownThen = await timeline({ order: 'effective', asKnownAt: sent });
    expect(knownThen.asKnownAt).toBe(new Date(past).toISOString());
    expect(knownThen.total).toBeLessThan(recorded.total);
    expect(knownThen.total).toBeGreaterThan(0);
    await expect(shownEntries()).resolves.toEqual(expected(knownThen));
    expect(decodeURIComponent(page.url())).toContain(`asKnownAt=${sent}`);
    await expect(page.locator('table.timeline caption').textContent()).resolves.toContain(
      `截至 ${shanghaiPicker(past).replace('T', ' ')}（北京时间）已知`,
    );
    await screenshot(page, 'timeline-as-known-at');

    // Back to everything, then a filter by type.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.locator('table.timeline[data-as-known-at=""]').waitFor();
    await expect(shownEntries()).resolves.toEqual(expected(effective));
    const refusals = await timeline({ order: 'effective', type: 'CommandRefused' });
    expect(refusals.total).toBeGreaterThan(0);
    await page.getByLabel('事件类型').selectOption('CommandRefused');
    await page.getByRole('button', { name: '应用筛选' }).click();
    await page.locator(`.timeline-count[data-total="${refusals.total}"]`).waitFor();
    await expect(shownEntries()).resolves.toEqual(expected(refusals));
  }, 60_000);

  it('downloads the evidence package from the page, which the offline verifier accepts with the service’s key', async () => {
    await open('investigator');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出证据包' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^evidence-${employeeId}-\\d{8}T\\d{6}Z\\.ndjson$`));
    const content = readFileSync((await download.path())!);
    const publicKey = (await request(service.app.app.getHttpServer()).get('/api/audit/public-key').expect(200)).text;
    const verdict = checkEvidence(content, publicKey);
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ ok: true, header: { employeeId }, key: { source: 'given' } });
    await expect(page.locator('.evidence-done').textContent()).resolves.toContain(employeeId);
    // The package holds the events the timeline shows, with the hashes shown.
    const packaged = new Set(
      content
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .slice(1, -1)
        .map((l) => (JSON.parse(l) as { metadata: { hash: string } }).metadata.hash),
    );
    const hashes = await page.locator('table.timeline tbody tr.entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-hash')));
    expect(hashes.filter((h) => !packaged.has(h!))).toEqual([]);
  }, 60_000);

  it('as an auditor: a raw-envelope link per entry, whose stored hash matches the timeline’s', async () => {
    await open('auditor');
    const masked = (await api<{ name: string }>(`/api/employees/${employeeId}`, as.auditor)).name;
    await expect(page.locator('.person-name').textContent()).resolves.toBe(masked);
    const recorded = await timeline();
    await expect(page.locator('a.raw-link').count()).resolves.toBe(recorded.items.length);
    const refusal = recorded.items.find((i) => i.type === 'CommandRefused')!;
    await page.getByRole('link', { name: `原始事件: ${refusal.stream} #${refusal.revision}` }).click();
    const panel = page.locator(`.raw-envelope[data-stream="${refusal.stream}"][data-revision="${refusal.revision}"]`);
    await panel.locator('pre.raw-json').waitFor();
    const raw = JSON.parse((await panel.locator('pre.raw-json').textContent())!);
    expect(raw).toMatchObject({ stream: refusal.stream, revision: Number(refusal.revision), type: 'CommandRefused' });
    expect(raw.metadata.hash).toBe(refusal.hash);
    await expect(panel.getByRole('status').textContent()).resolves.toContain('与时间线中的哈希一致');
  }, 60_000);

  it('as an HR specialist: the name unmasked and no evidence export (the API refuses it to HR roles)', async () => {
    await open('hr_specialist');
    const name = (await api<{ name: string }>(`/api/employees/${employeeId}`, as.specialist)).name;
    await expect(page.locator('.person-name').textContent()).resolves.toBe(name);
    await expect(page.getByRole('button', { name: '导出证据包' }).count()).resolves.toBe(0);
    await expect(page.locator('a.raw-link').count()).resolves.toBe(0);
  }, 60_000);

  it('is usable from the keyboard: a captioned table whose rows the arrow keys walk, a search box that opens a person', async () => {
    await signIn(page, service.origin, 'console-keys', ['investigator']);
    await page.goto(`${service.origin}/console/#/timeline`);
    await page.getByLabel('员工编号').fill(employeeId);
    await page.keyboard.press('Enter');
    await page.locator('table.timeline tbody tr.entry').first().waitFor();
    await expect(page.locator('table.timeline caption').textContent()).resolves.toBe(`${employeeId} 的事件与被拒绝的命令，按记录顺序`);
    await expect(page.getByRole('columnheader', { name: '类型' }).count()).resolves.toBe(1);
    const rows = page.locator('table.timeline tbody tr.entry');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate<string | null>("document.activeElement?.getAttribute('data-position') ?? null")).resolves.toBe(
      await rows.nth(1).getAttribute('data-position'),
    );
    await page.keyboard.press('End');
    await expect(page.evaluate<string | null>("document.activeElement?.getAttribute('data-position') ?? null")).resolves.toBe(
      await rows.last().getAttribute('data-position'),
    );
    // The order switch from the keyboard: focus the checked radio, arrow to the other.
    await page.getByRole('radio', { name: /记录顺序/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('table.timeline[data-order="effective"]').waitFor();
  }, 60_000);

  it('pages through a history longer than a page, each page the API’s', async () => {
    expect(longest.total).toBeGreaterThan(PAGE_SIZE);
    await signIn(page, service.origin, 'console-pages', ['investigator']);
    await page.goto(`${service.origin}/console/#/timeline/${longest.id}`);
    await page.locator('table.timeline tbody tr.entry').first().waitFor();
    const path = `/api/employees/${longest.id}/timeline?pageSize=${PAGE_SIZE}`;
    await expect(shownEntries()).resolves.toEqual(expected(await api<Answer>(path)));
    await page.getByRole('button', { name: '下一页' }).click();
    await page.waitForURL(/page=2/);
    const second = await api<Answer>(`${path}&page=2`);
    await page.locator(`table.timeline tbody tr.entry[data-position="${second.items[0].position}"]`).waitFor();
    await expect(shownEntries()).resolves.toEqual(expected(second));
    await expect(page.locator('.timeline-count').textContent()).resolves.toBe(
      `共 ${longest.total} 条，第 2/${Math.ceil(longest.total / PAGE_SIZE)} 页`,
    );
  }, 60_000);

  it('continuity: the calendar’s cells are the API’s months, per type; linked both ways with the timeline', async () => {
    await open('investigator');
    await page.getByRole('link', { name: '查看该员工的社保连续性' }).click();
    await page.locator('table.calendar').first().waitFor();
    expect(page.url()).toContain(`#/continuity/${employeeId}`);
    const answer = await api<{ through: string; types: Record<string, { calendar: Run[]; coveredMonths: number; longestStreak: number }> }>(
      `/api/employees/${employeeId}/social-insurance/continuity`,
    );
    const want: Record<string, string> = {};
    for (const [type, c] of Object.entries(answer.types))
      for (const run of c.calendar) for (let m = run.from; m <= run.to; m = nextMonth(m)) want[`${type} ${m}`] = run.state;
    expect(Object.values(want)).toContain('paid');
    const shown = await page
      .locator('td.month-cell[data-state]:not([data-state=""])')
      .evaluateAll((cells) =>
        Object.fromEntries(
          cells.map((c) => [`${c.getAttribute('data-type')} ${c.getAttribute('data-month')}`, c.getAttribute('data-state')]),
        ),
      );
    expect(shown).toEqual(want);
    for (const [type, c] of Object.entries(answer.types)) {
      const row = page.locator(`table.continuity-summary tr[data-type="${type}"]`);
      await expect(row.locator('[data-field="coveredMonths"]').textContent()).resolves.toBe(String(c.coveredMonths));
      await expect(row.locator('[data-field="longestStreak"]').textContent()).resolves.toBe(String(c.longestStreak));
    }
    await expect(page.locator('.benefit .why').textContent()).resolves.toBe(
      (await api<{ unemploymentBenefit: { why: string } }>(`/api/employees/${employeeId}/social-insurance/continuity`)).unemploymentBenefit
        .why,
    );
    await screenshot(page, 'continuity-calendar');
    await page.getByRole('link', { name: '查看该员工的时间线' }).click();
    await page.locator('table.timeline tbody tr.entry').first().waitFor();
    expect(page.url()).toContain(`#/timeline/${employeeId}`);
  }, 60_000);
});
