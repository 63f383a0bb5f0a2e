// Signing in as the dev owner through the local OpenID provider, the layout and language switch, and signing out.
import { checkPage, DEV_APP_ID, DEV_OWNER, expect, signIn, test } from './support/fixtures';

test('the dev owner signs in, sees the organisation and its dev app, and signs out', async ({ page }) => {
  await signIn(page, DEV_OWNER);
  await expect(page.getByRole('heading', { level: 1, name: '应用' })).toBeVisible();
  await expect(page.getByText(DEV_APP_ID).first()).toBeVisible();
  await expect(page.getByText('所有者')).toBeVisible();
  await checkPage(page, 'apps');

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: /退出登录 \/ Sign out/ }).click();
  // Back at /console/, which finds no session (the provider's is gone too) and asks for a sign-in again.
  await expect(page.getByRole('heading', { name: /登录控制台/ })).toBeVisible();
  await page.goto('/console/apps');
  await expect(page.getByRole('heading', { name: /登录控制台/ })).toBeVisible();
  await checkPage(page, 'sign-in');
});

test('the language switch turns the console into English and back', async ({ owner }) => {
  await owner.getByRole('button', { name: 'English' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: 'Apps' })).toBeVisible();
  await expect(owner.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await checkPage(owner, 'apps-en');
  await owner.getByRole('button', { name: '中文' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: '应用' })).toBeVisible();
});

test('an unknown console page says so inside the layout', async ({ owner }) => {
  await owner.goto('/console/no-such-page');
  await expect(owner.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  await checkPage(owner, 'not-found');
});

test('a signed-out visitor asking for a deep link lands on it after signing in', async ({ page }) => {
  await signIn(page, DEV_OWNER, '/console/team');
  await expect(page.getByRole('heading', { level: 1, name: '团队' })).toBeVisible();
});
