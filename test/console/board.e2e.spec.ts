import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { Role } from '../../src/domain/shared/vocabulary';
import { ConsoleService, describeInBrowser, launchChromium, screenshot, signIn, startConsoleService } from '../support/console-browser';
import { as } from '../support/tokens';

interface Step {
  key: string;
  status: string;
  missing: string[];
  doneOn: string | null;
}
interface CaseLine {
  caseId: string;
  employeeId: string;
  status: string;
  name: string | null;
  waitingOn: string | null;
  steps: Step[];
}

/**
 * Issue 14, the cases board, in Chromium on the demo data: the open cases as GET /api/offboarding?status=open
 * answers them, names masked for auditors and investigators and no action for them; 退工 refused before 社保转出
 * with the service's message; a case completed from the board, step by step.
 */
describeInBrowser('console cases board (Chromium)', () => {
  let service: ConsoleService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const http = () => request(service.app.app.getHttpServer());
  const openCases = async (who: Record<string, string>): Promise<CaseLine[]> =>
    (await http().get('/api/offboarding?status=open').set(who).expect(200)).body.items;
  const caseOf = async (caseId: string): Promise<CaseLine> =>
    (await http().get(`/api/offboarding/${caseId}`).set(as.manager).expect(200)).body;

  const until = async (check: () => Promise<boolean>, ms = 3000) => {
    for (const end = Date.now() + ms; !(await check());) {
      if (Date.now() > end) throw new Error('the API did not show the command');
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    [service, browser] = await Promise.all([startConsoleService(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1600, height: 1000 } });
    page = await context.newPage();
  });
  afterEach(() => context.close());

  const openBoard = async (role: Role) => {
    await signIn(page, service.origin, `board-${role}`, [role]);
    await page.locator('[data-page="board"] [data-testid="board-count"]').waitFor();
  };
  const card = (caseId: string) => page.locator(`article.case-card[data-case-id="${caseId}"]`);
  const shownCases = () => page.locator('article.case-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-case-id')));
  const shownName = (caseId: string) => card(caseId).getByTestId('case-name').textContent();

  it.each<[Role, Record<string, string>]>([
    ['hr_specialist', as.specialist],
    ['hr_manager', as.manager],
  ])('as %s: shows every open case the API lists, in the column of the step it waits on, named, with actions', async (role, who) => {
    await openBoard(role);
    const cases = await openCases(who);
    expect(cases.length).toBeGreaterThan(0);
    expect((await shownCases()).sort()).toEqual(cases.map((c) => c.caseId).sort());
    for (const c of cases) {
      await expect(shownName(c.caseId)).resolves.toBe(c.name);
      expect(c.name).not.toContain('*');
      await expect(card(c.caseId).evaluate((el) => el.closest('section')?.getAttribute('data-step'))).resolves.toBe(c.waitingOn);
      // Each step's state in words, as the API has it.
      const states = await card(c.caseId)
        .locator('li.step')
        .evaluateAll((items) => items.map((li) => [li.getAttribute('data-step'), li.getAttribute('data-status')]));
      expect(states).toEqual(c.steps.map((s) => [s.key, s.status]));
    }
    await expect(page.locator('button[data-action]').count()).resolves.toBeGreaterThan(0);
    const approvals = await page.locator('li.step[data-step="approval"] button[data-action]').count();
    if (role === 'hr_specialist') expect(approvals).toBe(0);
    else {
      expect(cases.some((c) => c.steps.some((s) => s.key === 'approval' && s.status !== 'done'))).toBe(true);
      expect(approvals).toBeGreaterThan(0);
      await screenshot(page, 'board-overview');
    }
  });

  it.each<[Role, Record<string, string>]>([
    ['auditor', as.auditor],
    ['investigator', as.investigator],
  ])('as %s: shows the names masked as the API masks them, and no action', async (role, who) => {
    await openBoard(role);
    const cases = await openCases(who);
    const clear = new Map((await openCases(as.specialist)).map((c) => [c.caseId, c.name]));
    expect((await shownCases()).sort()).toEqual(cases.map((c) => c.caseId).sort());
    for (const c of cases) {
      await expect(shownName(c.caseId)).resolves.toBe(c.name);
      expect(c.name).toMatch(/\*/);
      expect(c.name).not.toBe(clear.get(c.caseId));
    }
    await expect(page.locator('button[data-action]').count()).resolves.toBe(0);
    await expect(page.locator('.step-actions').count()).resolves.toBe(0);
  });

  it('names each case and step for screen readers, with the state in words and a keyboard path between cases', async () => {
    await openBoard('hr_manager');
    const [first] = await openCases(as.manager);
    const region = page.getByRole('article', { name: new RegExp(`${first.name} \\(${first.employeeId}\\)`) });
    await expect(region.count()).resolves.toBe(1);
    await expect(region.getByRole('list', { name: new RegExp(`${first.name}.*办理步骤`) }).count()).resolves.toBe(1);
    const stateTexts = await region.getByTestId('step-state').allTextContents();
    expect(stateTexts.every((text) => /已完成|可办理|已申报|被退回|已锁定/.test(text))).toBe(true);
    await expect(
      region.getByRole('button', { name: new RegExp(`「.+」 ?· ${first.name} \\(${first.employeeId}\\)`) }).count(),
    ).resolves.toBeGreaterThan(0);
    // ↓ moves to the next case of the column, → to the first case of the next column.
    const firstCard = page.locator('article.case-card').first();
    await firstCard.focus();
    const columnCards = await page.locator('section.board-column').first().locator('article.case-card').count();
    await page.keyboard.press(columnCards > 1 ? 'ArrowDown' : 'ArrowRight');
    const focused = await page.evaluate<string | null>("document.activeElement?.getAttribute('data-case-id')");
    expect(focused).toBeTruthy();
    expect(focused).not.toBe(await firstCard.getAttribute('data-case-id'));
  });

  it('refuses 退工 before 社保转出 with the service’s message and what to do first, then completes the case from the board', async () => {
    const candidates = (await openCases(as.manager)).filter((c) =>
      c.steps.some((s) => s.key === 'labor_termination' && s.status === 'locked' && s.missing.includes('si_transfer_out')),
    );
    expect(candidates.length).toBeGreaterThan(0);
    // A case whose only missing step is the transfer-out, if there is one: the message is then about it alone.
    const chosen = candidates.find((c) => c.steps.find((s) => s.key === 'labor_termination')!.missing.length === 1) ?? candidates[0];
    const { caseId } = chosen;
    const missing = chosen.steps.find((s) => s.key === 'labor_termination')!.missing;

    await openBoard('hr_manager');
    const laborStep = card(caseId).locator('li.step[data-step="labor_termination"]');
    await expect(laborStep.getAttribute('data-status')).resolves.toBe('locked');
    await expect(laborStep.locator('.step-why').textContent()).resolves.toMatch(/社保转出.*硬性/);
    await laborStep.getByRole('button', { name: /^完成「退工登记」/ }).click();
    await laborStep.getByRole('button', { name: '提交' }).click();
    const alert = laborStep.getByRole('alert');
    await alert.waitFor();
    await expect(alert.getAttribute('data-code')).resolves.toBe('STEP_LOCKED');
    await expect(alert.locator('.problem-message').textContent()).resolves.toMatch(/请先完成.*社保转出.*再办理退工登记.*transfer-out/);
    await expect(alert.locator('[data-step]').evaluateAll((tags) => tags.map((t) => t.getAttribute('data-step')))).resolves.toEqual(
      missing,
    );
    await screenshot(page, 'board-refusal');
    await laborStep.getByRole('button', { name: '取消' }).click();
    expect((await caseOf(caseId)).steps.find((s) => s.key === 'labor_termination')?.status).toBe('locked');

    // Then each step that is not locked, from the board, until the case completes.
    let commands = 0;
    for (let round = 0; round < 30; round++) {
      const now = await caseOf(caseId);
      if (now.status === 'completed') break;
      commands++;
      const next = now.steps.find((s) => s.status !== 'done' && s.status !== 'locked')!;
      const action = next.key === 'si_transfer_out' ? (next.status === 'in_progress' ? 'complete' : 'request') : 'complete';
      const item = card(caseId).locator(`li.step[data-step="${next.key}"]`);
      await item.locator(`button[data-action="${action}"]`).click();
      if (next.key === 'si_transfer_out' && action === 'complete') {
        // Pre-filled from the notice of the filing; the bureau's month is what is recorded.
        await expect(item.getByLabel('经办机构确认的最后缴费月份').inputValue()).resolves.toMatch(/^\d{4}-\d{2}$/);
      }
      await item.getByRole('button', { name: '提交' }).click();
      await page
        .getByTestId('board-message')
        .filter({ hasText: next.key === 'si_transfer_out' && action === 'request' ? '社保转出已申报' : '看板已更新' })
        .waitFor();
      await item.getByTestId('step-form').waitFor({ state: 'detached' });
      if (next.key === 'si_transfer_out' && action === 'request') {
        // The notice is on the card once the board is read again at the command's position.
        await card(caseId).getByTestId('transfer-notice').waitFor();
        const notice = (await http().get(`/api/offboarding/${caseId}`).set(as.auditor).expect(200)).body.transferOutNotice;
        await expect(card(caseId).locator('[data-field="fileBy"]').textContent()).resolves.toBe(notice.fileBy);
      }
      await until(async () => (await caseOf(caseId)).steps.find((s) => s.key === next.key)?.status !== next.status);
    }
    expect((await caseOf(caseId)).status).toBe('completed');
    expect(commands).toBeGreaterThan(1);
    // Read again at the last command's position, the board has no such open case any more.
    await card(caseId).waitFor({ state: 'detached' });
  });

  it('lets a manager override soft prerequisites in writing from the board, and offers a specialist no override', async () => {
    // A step locked by soft prerequisites only (the API says which are soft); not one of the pair the test above uses.
    let found: { line: CaseLine; step: Step } | undefined;
    for (const line of await openCases(as.manager)) {
      const steps = (await caseOf(line.caseId)).steps as Array<Step & { prerequisites: Array<{ step: string; kind: string }> }>;
      const step = steps.find(
        (s) =>
          s.status === 'locked' &&
          s.missing.length > 0 &&
          s.missing.every((m) => s.prerequisites.find((p) => p.step === m)?.kind === 'soft'),
      );
      if (step) {
        found = { line, step };
        break;
      }
    }
    expect(found).toBeDefined();
    const { line, step } = found!;

    await openBoard('hr_specialist');
    const asSpecialist = card(line.caseId).locator(`li.step[data-step="${step.key}"]`);
    await asSpecialist.locator('button[data-action="complete"]').click();
    await asSpecialist.getByTestId('step-form').waitFor();
    await expect(asSpecialist.getByLabel(/豁免理由/).count()).resolves.toBe(0);
    await page.getByRole('button', { name: '退出' }).click();

    await openBoard('hr_manager');
    const item = card(line.caseId).locator(`li.step[data-step="${step.key}"]`);
    await item.locator('button[data-action="complete"]').click();
    await item.getByLabel(/豁免理由/).fill('交接清单随后补签 / signed list follows');
    await item.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('board-message').filter({ hasText: '看板已更新' }).waitFor();
    await until(async () => (await caseOf(line.caseId)).steps.find((s) => s.key === step.key)?.status === 'done');
    const overrides = (await http().get(`/api/offboarding/${line.caseId}`).set(as.auditor).expect(200)).body.overrides;
    expect(overrides).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: step.key, overridden: step.missing, reason: '交接清单随后补签 / signed list follows' }),
      ]),
    );
  });

  it('gives a step’s form the focus as it appears, so that what is typed into it lands where it is typed', async () => {
    // Seen in CI: the form moved the focus to its first field in an effect, run after a paint; on a busy machine that came
    // between a test's click into the override reason and its typing, the text went to the date field, and the override
    // was sent without its reason (STEP_LOCKED). Where the focus is when the form enters the page, before anything else runs:
    await page.addInitScript(`
      new MutationObserver(() => {
        const form = document.querySelector('[data-testid="step-form"]');
        if (form && !form.dataset.focusOnArrival) form.dataset.focusOnArrival = document.activeElement?.id || '(none)';
      }).observe(document, { childList: true, subtree: true });
    `);
    await openBoard('hr_specialist');
    await page.locator('li.step[data-status="available"] button[data-action="complete"]').first().click();
    const form = page.getByTestId('step-form');
    await form.waitFor();
    const dateField = await form.locator('input[type="date"]').getAttribute('id');
    await expect(form.getAttribute('data-focus-on-arrival')).resolves.toBe(dateField);
  });

  it('speaks English on the switch: columns, states and the buttons’ names', async () => {
    await openBoard('hr_manager');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('section.board-column h2').first().textContent()).resolves.toMatch(/^Waiting on “/);
    const states = await page.getByTestId('step-state').allTextContents();
    expect(states.every((text) => /^(Done \(|Available|Filed|Returned|Locked)/.test(text))).toBe(true);
    await expect(page.getByRole('button', { name: /^Complete “.+” · / }).count()).resolves.toBeGreaterThan(0);
  });
});
