import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/domain/shared/vocabulary';
import { ConsoleService, describeInBrowser, launchChromium, screenshot, signIn, startConsoleService } from '../support/console-browser';
import { tokenFor } from '../support/tokens';

/**
 * Issue 14, items 5 to 7: the dashboard (charts loaded on demand, each with its table), the audit
 * page (hash chains, rejections, raw streams) and the reports (continuity gaps, incomplete
 * records, CSV). Every figure is checked against the API's own answer for the same query.
 */
describeInBrowser('console dashboard, audit and reports (Chromium)', () => {
  let service: ConsoleService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [service, browser] = await Promise.all([startConsoleService(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
  });
  afterEach(() => context.close());

  async function apiGet<T = any>(
    path: string,
    role: Role,
    accept = 'application/json',
  ): Promise<{ status: number; body: T; text: string }> {
    const response = await fetch(`${service.origin}${path}`, {
      headers: { Authorization: `Bearer ${tokenFor(`api-${role}`, [role])}`, Accept: accept },
    });
    const text = await response.text();
    return { status: response.status, text, body: accept === 'application/json' ? JSON.parse(text) : (text as T) };
  }

  /** Polls `check` until it holds (the page loads after a navigation), then answers its last value. */
  async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 10_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (check(value) || Date.now() > end) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A table's body as text, a cell holding a [data-step] as that step's key. */
  const tableRows = (name: string) =>
    page
      .locator(`[data-table="${name}"] table tbody tr`)
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('td')].map(
            (cell) => cell.querySelector('[data-step]')?.getAttribute('data-step') ?? cell.textContent!.trim(),
          ),
        ),
      );

  const go = async (hash: string) => {
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  };

  describe('dashboard', () => {
    const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);
    const days = (value: number | null) => (value === null ? '—' : String(value));
    const steps = (byStep: Record<string, number>) =>
      Object.entries(byStep)
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([step, count]) => [step, String(count)]);

    /** What each table must show for the API's answer. */
    function expectedTables(d: any) {
      return {
        trend: d.byMonth.map((m: any) => [
          m.month,
          String(m.casesOpened),
          String(m.casesCompleted),
          String(m.casesCancelled),
          percent(m.onTimeRate),
          percent(m.siTransferSuccessRate),
          percent(m.laborTerminationFilingSuccessRate),
          String(m.filingRejections.siTransferOut),
        ]),
        days: d.byMonth.map((m: any) => [m.month, String(m.casesCompleted), days(m.averageDaysToComplete), days(m.medianDaysToComplete)]),
        blocked: steps(d.blockedAttempts.byStep),
        overrides: steps(d.overrides.byStep),
        open: steps(d.openByStep),
        summary: [
          String(d.casesOpened),
          String(d.casesCompleted),
          String(d.casesCancelled),
          percent(d.onTimeRate),
          percent(d.siTransferSuccessRate),
          percent(d.laborTerminationFilingSuccessRate),
          days(d.averageDaysToComplete),
          days(d.medianDaysToComplete),
        ],
      };
    }

    const shownTables = async () => {
      const table = async (name: string) => {
        const rows = await tableRows(name);
        // An empty table shows one row saying so.
        return rows.length === 1 && rows[0].length === 1 ? [] : rows;
      };
      return {
        trend: await table('trend'),
        days: await table('days'),
        blocked: await table('blocked'),
        overrides: await table('overrides'),
        open: await table('open'),
        summary: await page.locator('[data-summary] dd').allTextContents(),
      };
    };

    const filtersShown = async () => {
      const params = new URLSearchParams();
      for (const name of ['from', 'to', 'region', 'category', 'orgUnit']) {
        const value = await page.locator(`form [name="${name}"]`).inputValue();
        if (value) params.set(name, value);
      }
      return params.toString();
    };

    it('shows every figure the API answers for the same filters, in charts and tables; a changed filter is asked again', async () => {
      await signIn(page, service.origin, 'console-manager', ['hr_manager']);
      await go('#/dashboard');
      await page.locator('[data-summary]').waitFor();
      const query = await filtersShown();
      const { body: d } = await apiGet(`/api/dashboard/offboarding?${query}`, 'hr_manager');
      expect(d.byMonth).toHaveLength(12);
      expect(d.casesOpened).toBeGreaterThan(0);
      const expected = expectedTables(d);
      expect(await until(shownTables, (s) => JSON.stringify(s) === JSON.stringify(expected))).toEqual(expected);
      // A chart for each series and each breakdown that has something to draw, each named for screen readers.
      const drawnCharts = 2 + [d.blockedAttempts.byStep, d.overrides.byStep, d.openByStep].filter((b) => Object.keys(b).length > 0).length;
      expect(drawnCharts).toBeGreaterThanOrEqual(3);
      await page
        .locator('[data-chart="drawn"]')
        .nth(drawnCharts - 1)
        .waitFor();
      const charts = page.locator('.chart[role="img"]');
      await expect(charts.count()).resolves.toBe(drawnCharts);
      for (const label of await charts.evaluateAll((all) => all.map((c) => c.getAttribute('aria-label')))) {
        expect(label).toMatch(/^(折线图|柱状图|条形图)：/);
      }
      await expect(page.locator('.chart canvas').count()).resolves.toBe(drawnCharts);
      await screenshot(page, 'dashboard');

      // A region of the demo with fewer cases than all: its figures differ, and the page follows.
      const regions = await page
        .locator('#dash-region option')
        .evaluateAll((o) => o.map((x) => x.getAttribute('value') ?? '').filter(Boolean));
      expect(regions.length).toBeGreaterThan(0);
      let changed = false;
      for (const region of regions) {
        await page.locator('#dash-region').selectOption(region);
        await page.getByRole('button', { name: '应用筛选' }).click();
        await until(
          () => page.evaluate<string>('location.hash'),
          (h) => h.includes(`region=${region}`),
        );
        const filtered = (await apiGet(`/api/dashboard/offboarding?${await filtersShown()}`, 'hr_manager')).body;
        expect(filtered.filters.region).toBe(region);
        const wanted = expectedTables(filtered);
        expect(await until(shownTables, (s) => JSON.stringify(s) === JSON.stringify(wanted))).toEqual(wanted);
        if (JSON.stringify(wanted) !== JSON.stringify(expected)) changed = true;
      }
      expect(changed).toBe(true);

      // And a narrower range: the months follow.
      await page.locator('#dash-region').selectOption('');
      await page.locator('#dash-from').fill(d.byMonth[9].month + '-01');
      await page.getByRole('button', { name: '应用筛选' }).click();
      await until(
        () => page.evaluate<string>('location.hash'),
        (h) => h.includes(`from=${d.byMonth[9].month}-01`) && !h.includes('region'),
      );
      const narrow = (await apiGet(`/api/dashboard/offboarding?${await filtersShown()}`, 'hr_manager')).body;
      expect(narrow.byMonth).toHaveLength(3);
      const wanted = expectedTables(narrow);
      expect(await until(shownTables, (s) => JSON.stringify(s) === JSON.stringify(wanted))).toEqual(wanted);
    });

    it('loads the charts library only when the dashboard is opened, as a chunk of its own', async () => {
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await signIn(page, service.origin, 'console-admin', ['admin']);
      for (const [hash, ready] of [
        ['#/board', 'main[data-page="board"]'],
        ['#/timeline', 'main[data-page="timeline"]'],
        ['#/audit', '#audit-verify'],
        ['#/reports', '[data-table="gaps"]'],
        ['#/reports/incomplete', '[data-table="incomplete"]'],
      ]) {
        await go(hash);
        await page.locator(ready).waitFor();
      }
      const before = [...new Set(scripts)];
      await go('#/dashboard');
      await page.locator('[data-chart="drawn"]').first().waitFor();
      const added = [...new Set(scripts)].filter((url) => !before.includes(url));
      const isCharts = async (url: string) => (await (await fetch(url)).text()).includes('_echarts_instance_');
      expect(before.length).toBeGreaterThan(0);
      for (const url of before) await expect(isCharts(url)).resolves.toBe(false);
      expect(added.length).toBeGreaterThan(0);
      const chunks = await Promise.all(added.map(isCharts));
      expect(chunks).toContain(true);
    });
  });

  describe('audit', () => {
    it('verifies the hash chains as an auditor and shows the counts GET /api/audit/verify answers', async () => {
      await signIn(page, service.origin, 'console-auditor', ['auditor']);
      await page.locator('header nav a', { hasText: '审计' }).click();
      await page.getByRole('button', { name: '校验哈希链' }).click();
      const result = page.locator('.verify-result');
      await result.waitFor();
      const { body: report } = await apiGet('/api/audit/verify', 'auditor');
      expect(report.ok).toBe(true);
      expect(report.streamsChecked).toBeGreaterThan(30);
      await expect(result.getAttribute('data-ok')).resolves.toBe('true');
      await expect(result.locator('[data-figure="streamsChecked"] dd').textContent()).resolves.toBe(String(report.streamsChecked));
      await expect(result.locator('[data-figure="eventsChecked"] dd').textContent()).resolves.toBe(String(report.eventsChecked));
      await expect(page.getByRole('status').textContent()).resolves.toContain('完好');
      await screenshot(page, 'audit-verify');
    });

    it('verifies one stream, and shows the service’s refusal for one that does not exist', async () => {
      const { body: listed } = await apiGet('/api/audit/streams?category=insurance&pageSize=1', 'auditor');
      const stream: string = listed.items[0].stream;
      await signIn(page, service.origin, 'console-auditor', ['auditor']);
      await go('#/audit');
      await page.getByLabel('只校验一个事件流（可选）').fill(stream);
      await page.getByRole('button', { name: '校验哈希链' }).click();
      const result = page.locator('.verify-result');
      await result.waitFor();
      const { body: report } = await apiGet(`/api/audit/verify?stream=${stream}`, 'auditor');
      expect(report).toMatchObject({ ok: true, streamsChecked: 1, eventsChecked: listed.items[0].events });
      await expect(result.locator('[data-figure="streamsChecked"] dd').textContent()).resolves.toBe('1');
      await expect(result.locator('[data-figure="eventsChecked"] dd').textContent()).resolves.toBe(String(report.eventsChecked));
      await page.getByLabel('只校验一个事件流（可选）').fill('employee-NOBODY');
      await page.getByRole('button', { name: '校验哈希链' }).click();
      await expect(page.getByRole('alert').getAttribute('data-code')).resolves.toBe('NOT_FOUND');
      await expect(result.count()).resolves.toBe(0);
    });

    it('lists the rejections with the API’s filters', async () => {
      await signIn(page, service.origin, 'console-auditor', ['auditor']);
      await go('#/audit/rejections');
      await page.locator('[data-table="rejections"]').waitFor();
      const all = (await apiGet('/api/audit/rejections?pageSize=20', 'auditor')).body;
      expect(all.total).toBeGreaterThan(0);
      const rows = await until(
        () => tableRows('rejections'),
        (r) => r.length === all.items.length,
      );
      expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual(all.items.map((i: any) => [i.recordedAt, i.actor.id, i.code]));
      const actor = all.items[0].actor.id;
      const day = all.items[0].recordedAt.slice(0, 10);
      await page.getByLabel('操作人').fill(actor);
      await page.getByLabel('结束日期').fill(day);
      await page.getByRole('button', { name: '查询' }).click();
      const filtered = (await apiGet(`/api/audit/rejections?pageSize=20&actor=${encodeURIComponent(actor)}&to=${day}`, 'auditor')).body;
      const shown = await until(
        () => tableRows('rejections'),
        (r) => r.length === filtered.items.length && r.every((cells) => cells[1] === actor),
      );
      expect(shown.map((r) => r[0])).toEqual(filtered.items.map((i: any) => i.recordedAt));
    });

    it('browses the streams and opens one: its raw envelopes as the API answers them', async () => {
      await signIn(page, service.origin, 'console-auditor', ['auditor']);
      await go('#/audit/streams');
      await page.getByLabel('类别').fill('offboarding');
      await page.getByRole('button', { name: '列出事件流' }).click();
      const listed = (await apiGet('/api/audit/streams?category=offboarding&pageSize=20', 'auditor')).body;
      expect(listed.total).toBeGreaterThan(0);
      const rows = await until(
        () => tableRows('streams'),
        (r) => r[0]?.[0] === listed.items[0].stream,
      );
      expect(rows).toEqual(
        listed.items.map((s: any) => [s.stream, s.category, String(s.events), s.lastRevision, s.lastType, s.lastRecordedAt ?? '—']),
      );
      const stream = listed.items[0].stream;
      await page.getByRole('link', { name: stream, exact: true }).click();
      await page.locator(`[data-table="envelopes"][data-stream="${stream}"]`).waitFor();
      const { body: events } = await apiGet(`/api/audit/streams/${stream}/events?page=1&pageSize=20`, 'auditor');
      const shown = await page
        .locator('[data-table="envelopes"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 6).map((td) => td.textContent!.trim())));
      expect(events.items.length).toBeGreaterThan(0);
      expect(shown).toEqual(
        events.items.map((e: any) => [
          String(e.revision),
          e.type,
          e.metadata.recordedAt,
          e.metadata.effectiveDate ?? '—',
          e.position,
          e.metadata.hash,
        ]),
      );
      await screenshot(page, 'audit-stream');
      // The raw envelope, as stored.
      const show = page.locator('[data-table="envelopes"] tr[data-revision="0"]').getByRole('button', { name: '显示' });
      await show.click();
      await expect(page.locator('[data-table="envelopes"] tr[data-revision="0"] button').getAttribute('aria-expanded')).resolves.toBe(
        'true',
      );
      const raw = JSON.parse((await page.locator('[data-table="envelopes"] tr[data-raw-of="0"] pre').textContent())!);
      expect(raw).toEqual({ id: events.items[0].id, data: events.items[0].data, metadata: events.items[0].metadata });
    });

    it('is not offered to an hr_specialist, and the API refuses it', async () => {
      await signIn(page, service.origin, 'console-specialist', ['hr_specialist']);
      await expect(page.locator('header nav a').allTextContents()).resolves.not.toContain('审计');
      await go('#/audit');
      await expect(page.locator('main').getAttribute('data-page')).resolves.not.toBe('audit');
      await expect(page.locator('#audit-verify').count()).resolves.toBe(0);
      for (const path of ['/api/audit/verify', '/api/audit/rejections', '/api/audit/streams']) {
        expect((await apiGet(path, 'hr_specialist')).status).toBe(403);
      }
    });
  });

  describe('reports', () => {
    const csvRows = (text: string) =>
      text
        .replace(/^\uFEFF/, '')
        .split('\n')
        .filter(Boolean);

    it.each([
      ['continuity gaps', '#/reports', 'gaps', '/api/reports/continuity-gaps'],
      ['incomplete records', '#/reports/incomplete', 'incomplete', '/api/reports/incomplete-records'],
    ])('shows the %s with paging and downloads the page as the API’s CSV', async (_title, hash, table, path) => {
      await signIn(page, service.origin, 'console-manager', ['hr_manager']);
      await go(hash);
      await page.locator(`[data-table="${table}"]`).waitFor();
      const { body } = await apiGet(`${path}?pageSize=50`, 'hr_manager');
      expect(body.total).toBeGreaterThan(0);
      const rows = await until(
        () => tableRows(table),
        (r) => r.length === body.items.length,
      );
      expect(rows.map((r) => r[0])).toEqual(body.items.map((i: any) => i.employeeId));
      expect(rows.map((r) => r[1])).toEqual(body.items.map((i: any) => i.name ?? '—'));
      if (table === 'gaps') await screenshot(page, 'reports');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载本页 CSV' }).click()]);
      const file = readFileSync((await download.path())!, 'utf8');
      const { text: csv } = await apiGet(`${path}?pageSize=50&page=1`, 'hr_manager', 'text/csv');
      expect(csvRows(file)).toEqual(csvRows(csv));
      expect(csvRows(file)).toHaveLength(body.items.length + 1);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);

      // Paged (a page of one row, as the URL may ask): the next page is the API's second.
      expect(body.total).toBeGreaterThan(0);
      await go(`${hash}?pageSize=1`);
      await until(
        () => tableRows(table),
        (r) => r.length === 1,
      );
      await expect(page.getByLabel('每页条数').inputValue()).resolves.toBe('1');
      await expect(page.locator('.pager').textContent()).resolves.toContain(`第 1 / ${body.total} 页`);
      if (body.total > 1) {
        await page.getByRole('button', { name: '下一页' }).click();
        const second = (await apiGet(`${path}?pageSize=1&page=2`, 'hr_manager')).body;
        const shown = await until(
          () => tableRows(table),
          (r) => r[0]?.[0] === second.items[0].employeeId,
        );
        expect(shown.map((r) => r[0])).toEqual([second.items[0].employeeId]);
      }
    });
  });

  // Last: it breaks the store.
  describe('a chain broken behind the service', () => {
    it('names the first broken stream and revision, as the API does, and links to that event', async () => {
      const { body: employees } = await apiGet('/api/audit/streams?category=employee', 'auditor');
      const stream: string = employees.items.find((s: { events: number }) => s.events >= 2).stream;
      const db = new Database(join(service.app.config.dataDir, 'events.db'));
      db.prepare("UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE stream = ? AND revision = 1").run(stream);
      db.close();
      await signIn(page, service.origin, 'console-auditor', ['auditor']);
      await go('#/audit');
      await page.getByRole('button', { name: '校验哈希链' }).click();
      const result = page.locator('.verify-result');
      await result.waitFor();
      const { body: report } = await apiGet('/api/audit/verify', 'auditor');
      expect(report).toMatchObject({ ok: false, firstBroken: { stream, revision: 1 } });
      await expect(result.getAttribute('data-ok')).resolves.toBe('false');
      await expect(page.getByRole('status').textContent()).resolves.toContain('已损坏');
      const broken = result.locator('[data-broken-stream]');
      await expect(broken.getAttribute('data-broken-stream')).resolves.toBe(stream);
      await expect(broken.getAttribute('data-broken-revision')).resolves.toBe('1');
      await expect(broken.textContent()).resolves.toContain(report.firstBroken.reason);
      await expect(result.locator('[data-figure="eventsChecked"] dd').textContent()).resolves.toBe(String(report.eventsChecked));
      await screenshot(page, 'audit-verify-broken');
      await broken.getByRole('link', { name: stream }).click();
      const marked = page.locator('[data-table="envelopes"] tr[data-revision="1"]');
      await expect(marked.getAttribute('aria-current')).resolves.toBe('true');
    });
  });
});
