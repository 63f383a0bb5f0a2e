// Team management by the owner, a viewer's read-only console, and the owner's audit log.
import { checkPage, DEV_APP_ID, expect, signedInPage, test } from './support/fixtures';

test('the owner invites a viewer, who sees a read-only console; the owner removes them again', async ({
  owner,
  browser,
}) => {
  const email = `viewer.${Date.now()}@example.com`;
  await owner.goto('/console/team');
  await owner.getByLabel('邮箱').fill(email);
  await owner.getByRole('combobox', { name: '角色' }).click();
  // The visible option (Ant Design also renders a hidden listbox copy for screen readers).
  await owner.getByTitle('只读成员', { exact: true }).click();
  await owner.getByRole('button', { name: '邀请成员' }).click();
  await expect(owner.getByText(`已邀请 ${email}`)).toBeVisible();
  const password = (await owner.getByTestId('temporary-password').innerText()).split(/[:：]/).pop()!.trim();
  await expect(owner.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })).toContainText('只读成员');
  await checkPage(owner, 'team');

  const viewer = await signedInPage(browser, { email, password });
  await expect(viewer.getByRole('banner').getByText('只读成员')).toBeVisible();
  await expect(viewer.getByRole('button', { name: '创建应用' })).toHaveCount(0);
  await viewer.goto(`/console/apps/${DEV_APP_ID}`);
  await expect(viewer.getByText('你是只读成员,只能查看。')).toBeVisible();
  await expect(viewer.getByRole('button', { name: '轮换密钥' })).toHaveCount(0);
  await expect(viewer.getByLabel('应用名称')).toBeDisabled();
  await checkPage(viewer, 'viewer-app-detail');
  await viewer.goto('/console/team');
  await expect(viewer.getByText('只有所有者可以管理团队成员。')).toBeVisible();
  await expect(viewer.getByRole('link', { name: '审计日志' })).toHaveCount(0);

  await owner.getByRole('button', { name: `移除 ${email}` }).click();
  await owner.getByRole('dialog').getByRole('button', { name: '移除' }).click();
  await expect(owner.getByText('成员已移除')).toBeVisible();
  await expect(owner.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })).toHaveCount(0);
  await viewer.context().close();
});

test('the owner reads the audit log of console actions', async ({ owner }) => {
  await owner.getByRole('link', { name: '审计日志' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();
  await expect(owner.getByRole('row').nth(1)).toContainText('dev@procure.local');
  await checkPage(owner, 'audit');
});
