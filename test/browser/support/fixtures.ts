// What every console browser test needs: signing in through the local OpenID provider's page, an axe check and a
// screenshot per page, and signed partner API calls made with the repo's own signing code.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, test as base, expect, type Page } from '@playwright/test';
import { signedRequest } from '../../../local/signed-request';
import { DEV_APP_ID } from '../../../shared/apps/app';

export const DEV_OWNER = { email: 'dev@procure.local', password: 'dev_password_local_do_not_use_in_production' };
export const DEV_OPERATOR = { email: 'ops@procure.local', password: 'ops_password_local_do_not_use_in_production' };
export { DEV_APP_ID };

const SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

export function baseUrl(): string {
  const url = process.env.CONSOLE_BASE_URL;
  if (!url) throw new Error('CONSOLE_BASE_URL is not set: run through `npm run test:browser`');
  return url;
}

/** Goes to a console page and signs in on the provider's page it is sent to; ends back on that console page. */
export async function signIn(page: Page, account: { email: string; password: string }, path = '/console/apps') {
  await page.goto(path);
  await expect(page.getByRole('heading', { name: /登录控制台/ })).toBeVisible();
  await page.getByLabel(/邮箱/).fill(account.email);
  await page.getByLabel(/密码/).fill(account.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/]/g, '\\/')}$`));
  await expect(page.getByRole('banner').getByText(account.email)).toBeVisible();
}

/** A fresh browser context signed in as the given account (for a second user beside the owner). */
export async function signedInPage(
  browser: Browser,
  account: { email: string; password: string },
  path = '/console/apps',
) {
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  await signIn(page, account, path);
  return page;
}

/** No serious or critical axe-core violations on the page as it is now; then its screenshot for README. */
export async function checkPage(page: Page, name: string, { fullPage = true } = {}) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe-core on ${name}`).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

export interface PartnerAnswer {
  status: number;
  code: number;
  data: unknown;
}

/** A signed partner API call from this process (source address 127.0.0.1), as an SDK would make it. */
export async function partnerCall(
  app: { appId: string; appSecret: string },
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  target: string,
  body?: unknown,
): Promise<PartnerAnswer> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const { headers } = signedRequest({ method, target, body: text, baseUrl: baseUrl(), ...app });
  const res = await fetch(`${baseUrl()}${target}`, {
    method,
    headers: { ...headers, ...(text && { 'content-type': 'application/json' }) },
    ...(text && { body: text }),
  });
  const json = (await res.json()) as { code: number; data: unknown };
  return { status: res.status, code: json.code, data: json.data };
}

export const test = base.extend<{ owner: Page }>({
  owner: async ({ page }, use) => {
    await signIn(page, DEV_OWNER);
    await use(page);
  },
});

export { expect };

/** Creates an app through the console's form and returns what the secret-once page shows. */
export async function createAppInConsole(page: Page, name: string): Promise<{ appId: string; appSecret: string }> {
  await page.goto('/console/apps');
  await page.getByRole('button', { name: '创建应用' }).click();
  await page.getByLabel('应用名称').fill(name);
  await page.getByRole('button', { name: '创建', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '应用已创建' })).toBeVisible();
  return readShownSecret(page);
}

/** The App ID and App Secret on a secret-once panel (after create or rotate). */
export async function readShownSecret(page: Page): Promise<{ appId: string; appSecret: string }> {
  const appId = (await page.getByTestId('app-id').innerText()).trim();
  const appSecret = (await page.getByTestId('app-secret').innerText()).trim();
  expect(appId).toMatch(/^[A-Za-z0-9_]{8,}$/);
  expect(appSecret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  return { appId, appSecret };
}

/** Presses Tab until the element has focus (keyboard-only flows); fails after `max` presses. */
export async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el.matches(':focus, :focus-within'))) return;
  }
  throw new Error(`Tab never reached ${target}`);
}
