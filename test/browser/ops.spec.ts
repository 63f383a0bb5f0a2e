// The operator console end to end: an intent created through the partner API for a manual platform (PDD) appears in
// the queue; the operator claims it and completes it with an order id and a paid price within tolerance; the
// partner's intent shows COMPLETED with that order id and its webhook arrives. A second intent paid above the
// tolerance is refused and then failed with PRICE_CHANGED; a dead-lettered delivery is redriven.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { recordAttempt } from '../../shared/webhooks/deliveries';
import {
  checkPage,
  createAppInConsole,
  DEV_OPERATOR,
  expect,
  type PartnerAnswer,
  partnerCall,
  signedInPage,
  test,
} from './support/fixtures';

async function receiver(): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ops-hook`, bodies, server };
}

const manualIntent = (userId: string) => ({
  userId,
  platform: 'PDD',
  productUrl: 'https://mobile.yangkeduo.com/goods.html?goods_id=55501',
  title: `人工下单商品 ${userId}`,
  price: 100,
  quantity: 1,
  recipientName: '李四',
  address: '上海市浦东新区世纪大道 100 号',
  phone: '13900139000',
});

type App = { appId: string; appSecret: string };

async function processingIntent(app: App, userId: string): Promise<string> {
  const created = await partnerCall(app, 'POST', '/api/v1/intents', manualIntent(userId));
  expect([created.status, created.code]).toEqual([201, 0]);
  const id = (created.data as { id: string }).id;
  await expect
    .poll(async () => ((await partnerCall(app, 'GET', `/api/v1/intents/${id}`)).data as { status: string }).status, {
      timeout: 20_000,
    })
    .toBe('PROCESSING');
  return id;
}

async function openFromQueue(ops: Page, id: string) {
  await ops.goto('/console/ops/queue');
  await expect(ops.getByRole('heading', { level: 1, name: '人工下单队列' })).toBeVisible();
  await ops.getByRole('link', { name: `处理 ${id}` }).click();
  await expect(ops.getByRole('heading', { level: 1, name: id })).toBeVisible();
  await ops.getByRole('button', { name: '认领', exact: true }).click();
  await expect(ops.getByRole('status').filter({ hasText: '我已认领' })).toBeVisible();
}

test('operators work the manual queue: claim, complete within tolerance, refuse above it, fail, redrive', async ({
  owner,
  browser,
}) => {
  const hook = await receiver();
  try {
    const app = await createAppInConsole(owner, '人工下单应用');
    await owner.getByRole('button', { name: '我已保存,继续' }).click();
    await owner.getByLabel('Webhook 地址').fill(hook.url);
    await owner.getByRole('button', { name: '保存', exact: true }).click();
    await expect(owner.getByText('已保存')).toBeVisible();

    const first = await processingIntent(app, 'ops_buyer_1');
    const ops = await signedInPage(browser, DEV_OPERATOR, '/console/ops/queue');
    // The operator belongs to no organisation: only the operator pages are in the menu.
    await expect(ops.getByRole('link', { name: '应用管理' })).toBeVisible();
    await expect(ops.getByRole('link', { name: '团队' })).toHaveCount(0);
    await expect(ops.getByRole('link', { name: `处理 ${first}` })).toBeVisible();
    await expect(ops.getByText(/PDD:\d+ 单/)).toBeVisible();
    await checkPage(ops, 'ops-queue');

    await openFromQueue(ops, first);
    await expect(ops.getByText('13900139000')).toBeVisible(); // the operator ships it: the full phone number
    await expect(ops.getByRole('link', { name: '打开商品页面' })).toHaveAttribute('href', /yangkeduo\.com/);
    await ops.getByLabel('平台订单号').fill('PDD-20261203-0001');
    await ops.getByLabel('实付单价(元)').fill('104.5');
    await checkPage(ops, 'ops-intent');
    await ops.getByRole('button', { name: '标记完成' }).click();
    await expect(ops.getByText('COMPLETED', { exact: true })).toBeVisible();

    // The partner sees it completed with that order id, and its webhook arrives.
    const done: PartnerAnswer = await partnerCall(app, 'GET', `/api/v1/intents/${first}`);
    expect(done.data).toMatchObject({ status: 'COMPLETED', orderId: 'PDD-20261203-0001' });
    await expect
      .poll(() => hook.bodies.some((b) => b.includes(first) && b.includes('"COMPLETED"')), { timeout: 20_000 })
      .toBe(true);
    await owner.goto(`/console/apps/${app.appId}/intents/${first}`);
    await expect(owner.getByText('PDD-20261203-0001')).toBeVisible();

    // Above the tolerance (100.00 + 5%): refused with the ceiling named, then failed with PRICE_CHANGED.
    const second = await processingIntent(app, 'ops_buyer_2');
    await openFromQueue(ops, second);
    await ops.getByLabel('平台订单号').fill('PDD-20261203-0002');
    await ops.getByLabel('实付单价(元)').fill('110');
    await ops.getByRole('button', { name: '标记完成' }).click();
    await expect(ops.getByText(/超过允许的上限 105\.00 元/).first()).toBeVisible();
    await expect(ops.getByRole('status').filter({ hasText: '我已认领' })).toBeVisible(); // nothing changed
    await checkPage(ops, 'ops-price-refused');
    // The refusal prepares the way out: PRICE_CHANGED with the current price in the partner's reason.
    await expect(ops.getByLabel('失败原因(合作方可见)')).toHaveValue('商品价格变动,当前价格 110.00 元');
    await ops.getByRole('button', { name: '标记失败' }).click();
    await expect(ops.getByText('FAILED', { exact: true })).toBeVisible();
    expect((await partnerCall(app, 'GET', `/api/v1/intents/${second}`)).data).toMatchObject({
      status: 'FAILED',
      failureCode: 'PRICE_CHANGED',
      failureReason: '商品价格变动,当前价格 110.00 元',
    });

    await ops.goto('/console/ops/apps');
    await expect(ops.getByRole('cell', { name: app.appId })).toBeVisible();
    await checkPage(ops, 'ops-apps');

    // A delivery that exhausted its retries (24 hours of them) is written as the sender would, then redriven.
    Object.assign(process.env, {
      TABLE_NAME: 'procure-core-local',
      DYNAMODB_ENDPOINT: process.env.BROWSER_DYNAMODB_ENDPOINT,
      AWS_REGION: 'local',
    });
    const eventId = `evt_dead_${Date.now()}`;
    await recordAttempt(
      app.appId,
      { eventId, type: 'intent.status_changed', occurredAt: new Date().toISOString(), data: { id: first } },
      { result: { ok: false, status: 503, error: 'HTTP 503', durationMs: 3 }, retryInSeconds: null },
    );
    await ops.goto('/console/ops/dead-letters');
    const card = ops.locator('.ant-card').filter({ hasText: app.appId });
    await expect(card.getByText('HTTP 503')).toBeVisible();
    await checkPage(ops, 'ops-dead-letters');
    await card.getByRole('button', { name: /^重投 dlv_/ }).click();
    await expect(ops.getByText('已重投 1 条,成功 1 条')).toBeVisible();
    await expect.poll(() => hook.bodies.some((b) => b.includes(eventId))).toBe(true);
    await expect(card).toHaveCount(0);
  } finally {
    hook.server.close();
  }
});

test('operators create an organisation with its first owner, read audit logs and see stuck intents', async ({
  browser,
}) => {
  const ops = await signedInPage(browser, DEV_OPERATOR, '/console/ops/queue');
  await ops.getByRole('link', { name: '组织' }).click();
  await ops.getByLabel('组织名称').fill('浏览器测试组织');
  const email = `owner-${Date.now()}@example.com`;
  await ops.getByLabel('首位所有者邮箱').fill(email);
  await ops.getByRole('button', { name: '创建组织并邀请' }).click();
  await expect(ops.getByText(new RegExp(`已创建 org_\\w+,所有者 ${email}`))).toBeVisible();
  // The new organisation's log opens with the operator's own entry.
  await expect(ops.getByRole('cell', { name: 'ops.org.create' })).toBeVisible();
  await expect(ops.getByRole('cell', { name: DEV_OPERATOR.email })).toBeVisible();
  await checkPage(ops, 'ops-organisations');

  await ops.getByRole('link', { name: '卡住的意图' }).click();
  await expect(ops.getByRole('heading', { level: 1, name: '卡住的意图' })).toBeVisible();
  await checkPage(ops, 'ops-stuck');
});
