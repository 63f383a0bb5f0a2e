// Apps and secrets: create an app and call the partner API with the secret shown once, rotate with a grace period
// (both secrets sign), revoke the previous one (refused at once), and the IP whitelist's 403/40301.

import { DEV_APP_SECRET } from '../../shared/apps/app';
import {
  checkPage,
  createAppInConsole,
  DEV_APP_ID,
  expect,
  partnerCall,
  readShownSecret,
  test,
} from './support/fixtures';

test('a created app signs partner calls with the secret shown once; rotation keeps both until the old is revoked', async ({
  owner,
}) => {
  const created = await createAppInConsole(owner, '采购系统 浏览器测试');
  await expect(owner.getByText('关闭此页面后将无法再次查看')).toBeVisible();
  await checkPage(owner, 'app-created');
  const first = await partnerCall(created, 'GET', '/api/v1/intents');
  expect([first.status, first.code]).toEqual([200, 0]);

  await owner.getByRole('button', { name: '我已保存,继续' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: '采购系统 浏览器测试' })).toBeVisible();
  await expect(owner.getByRole('listitem').filter({ hasText: '当前密钥' })).toHaveCount(1);
  await checkPage(owner, 'app-detail');

  await owner.getByRole('button', { name: '轮换密钥' }).click();
  const dialog = owner.getByRole('dialog', { name: '轮换 App Secret' });
  await dialog.getByRole('radio', { name: '1 小时' }).check();
  await dialog.getByRole('button', { name: '轮换密钥' }).click();
  await expect(dialog.getByText('关闭此页面后将无法再次查看')).toBeVisible();
  const rotated = await readShownSecret(owner);
  expect(rotated.appId).toBe(created.appId);
  expect(rotated.appSecret).not.toBe(created.appSecret);
  // A dialog over the page: the viewport shows it whole (a full-page shot cuts the dialog's backdrop).
  await checkPage(owner, 'secret-rotated', { fullPage: false });
  await dialog.getByRole('button', { name: '我已保存,继续' }).click();
  await expect(dialog).toBeHidden();

  // Both secrets sign while the grace period runs; the page shows the old one's expiry.
  const previous = owner.getByRole('listitem').filter({ hasText: '旧密钥' });
  await expect(previous).toContainText('过期时间');
  for (const secret of [created.appSecret, rotated.appSecret]) {
    const answer = await partnerCall({ appId: created.appId, appSecret: secret }, 'GET', '/api/v1/intents');
    expect([answer.status, answer.code]).toEqual([200, 0]);
  }

  await owner.getByRole('button', { name: '吊销旧密钥' }).click();
  await owner.getByRole('dialog').getByRole('button', { name: '吊销旧密钥' }).click();
  await expect(previous).toHaveCount(0);
  const refused = await partnerCall(created, 'GET', '/api/v1/intents');
  expect([refused.status, refused.code]).toEqual([401, 40101]);
  const current = await partnerCall({ appId: created.appId, appSecret: rotated.appSecret }, 'GET', '/api/v1/intents');
  expect([current.status, current.code]).toEqual([200, 0]);
});

test('an IP whitelist without the caller refuses its calls with 403/40301 until it is restored', async ({ owner }) => {
  const dev = { appId: DEV_APP_ID, appSecret: DEV_APP_SECRET };
  await owner.goto(`/console/apps/${DEV_APP_ID}`);
  const whitelist = owner.getByLabel('IP 白名单');
  // The caller's own address is the hint beside the field.
  await expect(owner.getByText('你当前的 IP:127.0.0.1')).toBeVisible();

  // A bad entry is caught beside the field and nothing is saved; what was typed stays.
  await whitelist.fill('10.0.0.0/8\n300.1.1.1/8');
  await owner.getByRole('button', { name: '保存', exact: true }).click();
  await expect(owner.getByText('第 2 行不是合法的 IPv4/IPv6 地址或 CIDR:300.1.1.1/8')).toBeVisible();
  await expect(whitelist).toHaveValue('10.0.0.0/8\n300.1.1.1/8');

  await whitelist.fill('10.0.0.0/8');
  const save = owner.getByRole('button', { name: '保存', exact: true });
  await save.click();
  await expect(owner.getByText('已保存')).toBeVisible();
  // The button is ready for the next save: its name is "保存" again, with no spinner left in it.
  await expect(save).not.toHaveClass(/ant-btn-loading/);
  const refused = await partnerCall(dev, 'GET', '/api/v1/intents');
  expect([refused.status, refused.code]).toEqual([403, 40301]);

  // "Add my IP" puts the caller's address into the field; clearing it and saving lifts the restriction.
  await whitelist.fill('');
  await owner.getByRole('button', { name: '加入我的 IP' }).click();
  await expect(whitelist).toHaveValue('127.0.0.1');
  await whitelist.fill('');
  const saved = owner.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/console/api/apps/'));
  await save.click();
  expect((await saved).status()).toBe(200);
  await expect(save).not.toHaveClass(/ant-btn-loading/);
  await expect.poll(async () => (await partnerCall(dev, 'GET', '/api/v1/intents')).code).toBe(0);
});
