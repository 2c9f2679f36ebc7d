import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, STRONG_PASSWORD } from '../helpers/identity.js';
import { enrolTotp, totpCode } from '../helpers/mfa.js';
import { startTestServer, type TestServer } from '../helpers/start-server.js';
import { webLogin } from '../helpers/web-login.js';

const CHROMIUM = '/usr/bin/chromium';
// CI installs Debian's chromium (.ci/run) and sets this, so the suite can never skip there.
const required = process.env.COHESITY_REQUIRE_CHROMIUM === '1';
const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
const WIDTHS = [1280, 390] as const;
const PAGES = ['cluster', 'users', 'api-keys', 'sessions', 'security', 'audit', 'faults', 'requests'];
// A sign-in hashes a password and the first answers compile validators: on a busy machine
// that is seconds, not expect.poll's default one.
const POLL = { timeout: 15_000 };

describe.skipIf(!existsSync(CHROMIUM) && !required)('the web console in headless Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ faults: true, loginRateLimit: 0, apiRateLimit: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    // The server's certificate is its own self-signed one.
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (path: string) => {
    await page.goto(`${t.url}/console/#/${path}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  };
  const row = (text: string | RegExp) => page.getByRole('row').filter({ hasText: text });

  it('serves itself with a strict content security policy, and signs in with the keyboard alone', async () => {
    const index = await t.send('GET', '/console/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.text).not.toMatch(/https?:\/\/(?!127)/);

    await page.goto(`${t.url}/console/`);
    // The username field takes the focus once the script has run: type, Tab, type, Enter.
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('name')"), POLL).toBe('username');
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('admin');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cluster' }).isVisible(), POLL).toBe(true);
    await expect.poll(() => page.getByText('cohesity-dev').isVisible(), POLL).toBe(true);
    // The web login's cookie, not the session fallback: the server has POST /login.
    expect(await page.getByRole('banner').textContent()).toContain('LOCAL\\admin (cookie)');
    expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').count()).toBe(PAGES.length);
  });

  it('creates a user and locks them, and the live audit log shows it', async () => {
    await open('users');
    const create = page.getByRole('form', { name: 'Create a user' });
    await create.getByLabel('Username').fill('eve-console');
    await create.getByLabel('Password').fill(STRONG_PASSWORD);
    await create.getByRole('button', { name: 'Create' }).click();
    await row('eve-console').waitFor();
    await page.getByRole('button', { name: 'Lock eve-console' }).click();
    await page.getByRole('button', { name: 'Unlock eve-console' }).waitFor();
    expect(await row('eve-console').textContent()).toContain('Locked by an administrator');
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Locked eve-console');

    const eve = (await t.server.store.listUsers({ usernames: ['eve-console'] }))[0];
    expect(eve?.locked).toBe(true);

    await open('audit');
    const lock = row('user.update').filter({ hasText: '"locked"' });
    await lock.first().waitFor();
    expect(await lock.first().textContent()).toContain(eve?.sid);
    // Live: a login made elsewhere appears without a reload.
    await t.login();
    await row(/login.*success.*LOCAL\\admin/)
      .nth(1)
      .waitFor();
  });

  it('injects a fault from the faults page, and the request log shows what the client got', async () => {
    await open('faults');
    const inject = page.getByRole('form', { name: 'Inject a request fault' });
    await inject.getByLabel('Answer').selectOption('503');
    await inject.getByLabel('Scope').selectOption('route');
    await inject.getByLabel('User, credential or route').fill('/v2/clusters');
    await inject.getByRole('button', { name: 'Inject' }).click();
    await row('/v2/clusters').waitFor();

    await open('requests');
    const token = await t.login();
    expect((await t.send('GET', '/v2/clusters', { headers: bearer(token) })).status).toBe(503);
    const failed = row('/v2/clusters').filter({ hasText: '503' });
    await failed.waitFor();
    const text = await failed.textContent();
    expect(text).toContain('LOCAL\\admin');
    expect(text).toContain('bearer');
    expect(text).toContain('The server is busy; retry shortly');
    // The token never reaches the page, nor does anything that looks like one.
    expect(await page.content()).not.toContain(token);
    expect(await page.content()).not.toMatch(/eyJ[\w-]{10,}/);
  });

  it('asks for a one-time code when MFA is required, and signs in with it', async () => {
    const admin = bearer(await t.login());
    await createUser(t, admin.authorization.slice(7), 'mfa-admin', ['COHESITY_ADMIN']);
    const modes = await t.send('PUT', '/_stand-in/faults/modes', { headers: admin, body: { mfaRequired: true } });
    expect(modes.body).toMatchObject({ mfaRequired: true });
    try {
      const pending = await webLogin(t, 'mfa-admin', STRONG_PASSWORD);
      const { totpSecretKey } = await enrolTotp(t, pending.cookie);
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const mfaPage = await context.newPage();
      await mfaPage.goto(`${t.url}/console/`);
      await mfaPage.getByLabel('Username').fill('mfa-admin');
      await mfaPage.getByLabel('Password').fill(STRONG_PASSWORD);
      await mfaPage.getByRole('button', { name: 'Sign in' }).click();
      await mfaPage.getByLabel('One-time code').fill(totpCode(totpSecretKey));
      await mfaPage.getByRole('button', { name: 'Verify' }).click();
      await mfaPage.getByRole('heading', { level: 1, name: 'Cluster' }).waitFor();
      expect(await mfaPage.getByRole('banner').textContent()).toContain('LOCAL\\mfa-admin (cookie)');
      await context.close();
    } finally {
      await t.send('DELETE', '/_stand-in/faults', { headers: admin });
    }
  });

  it('renders every page at 1280 and 390 pixels wide without horizontal overflow', async () => {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of PAGES) {
        await open(path);
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await page.screenshot({ path: join(SCREENSHOTS, `${path}-${width}.png`), fullPage: true });
        const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
        expect(overflow, `${path} at ${width} px`).toBeLessThanOrEqual(0);
      }
    }
    expect(pageErrors).toEqual([]);
  });
});
