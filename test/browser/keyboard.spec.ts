// Creating an app and rotating its secret with the keyboard alone (no mouse events at all).
import { expect, readShownSecret, tabTo, test } from './support/fixtures';

test('create an app and rotate its secret with the keyboard alone', async ({ owner }) => {
  const page = owner;
  await tabTo(page, page.getByRole('button', { name: '创建应用' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('应用名称')).toBeFocused();
  await page.keyboard.type('键盘创建的应用');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '应用已创建' })).toBeVisible();
  const created = await readShownSecret(page);

  await tabTo(page, page.getByRole('button', { name: '我已保存,继续' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '键盘创建的应用' })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: '轮换密钥' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '轮换 App Secret' });
  await expect(dialog).toBeVisible();
  // Radio groups move with the arrow keys: from 24 hours to 7 days.
  await tabTo(page, dialog.getByRole('radio', { name: '24 小时' }));
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: '7 天' })).toBeChecked();
  await tabTo(page, dialog.getByRole('button', { name: '轮换密钥' }));
  await page.keyboard.press('Enter');
  const rotated = await readShownSecret(page);
  expect(rotated.appSecret).not.toBe(created.appSecret);
  await tabTo(page, dialog.getByRole('button', { name: '我已保存,继续' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('listitem').filter({ hasText: '旧密钥' })).toHaveCount(1);
});
