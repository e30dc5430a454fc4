import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SigningKey, TestIdentityProvider } from '../support/identity-provider';
import { ConsoleService, describeInBrowser, launchChromium, screenshot, startConsoleService } from '../support/console-browser';

/**
 * Issue 15: with an identity provider configured, the console signs in with the authorization-code
 * flow and PKCE: to the IdP's authorize endpoint with an S256 challenge and a state, back to
 * /console/ with a code, the code exchanged from the page at the IdP's token endpoint (allowed by
 * the CSP's connect-src), the token kept for the tab as a pasted one.
 */
describeInBrowser('console sign-in through an identity provider (Chromium)', () => {
  let idp: TestIdentityProvider;
  let service: ConsoleService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let key: SigningKey;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    key = await idp.newKey('RS256');
    [service, browser] = await Promise.all([startConsoleService(5, idp.env({ OIDC_CLIENT_ID: 'hr-console' })), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await idp?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
  });
  afterEach(() => context.close());

  it('signs in at the IdP and back, the code exchanged with the verifier, and keeps the token for the tab', async () => {
    idp.signInClaims = { sub: 'kc-hr-lead', groups: ['hr-managers'] };
    idp.tokenRequests = [];
    await page.goto(`${service.origin}/console/`);
    await screenshot(page, 'sign-in-identity-provider');
    await page.getByRole('button', { name: /Sign in with your organisation account|通过单位统一身份认证登录/ }).click();
    await page.locator('[data-subject="kc-hr-lead"]').waitFor();
    expect(idp.tokenRequests).toEqual([{ ok: true, reason: undefined }]);
    // The code is off the address, and the verifier gone: only the token stays, for this tab.
    expect(new URL(page.url()).search).toBe('');
    await expect(page.evaluate(() => Object.keys(sessionStorage))).resolves.toEqual(['ledger.console.token']);
    await page.reload();
    await page.locator('[data-subject="kc-hr-lead"]').waitFor();
  });

  it('refuses an answer whose state this tab did not send, without asking the IdP for a token', async () => {
    idp.tokenRequests = [];
    await page.goto(`${service.origin}/console/?code=stolen&state=not-ours`);
    const alert = page.getByRole('alert');
    await expect(alert.getAttribute('data-code')).resolves.toBe('SIGN_IN_STATE_MISMATCH');
    expect(idp.tokenRequests).toEqual([]);
    await expect(page.evaluate(() => sessionStorage.getItem('ledger.console.token'))).resolves.toBeNull();
  });

  it('still takes a pasted token', async () => {
    const token = await idp.sign(key, { sub: 'pasted', groups: ['auditors'] });
    await page.goto(`${service.origin}/console/`);
    await page.getByLabel(/访问令牌|Access token/).fill(token);
    await page.getByRole('button', { name: /^登录$|^Sign in$/ }).click();
    await page.locator('[data-subject="pasted"]').waitFor();
  });
});
