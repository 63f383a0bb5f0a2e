// The fulfilment pipeline end to end on DynamoDB Local: the partner's routes, the local stream pollers driving the
// fulfilment and webhook-dispatch consumers, the in-process queue and sender, and a webhook receiver on 127.0.0.1
// that verifies every signature the way a partner would. This file uses its own table, so its consumers never
// touch the intents the other integration tests move by hand.
import { execFile } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as historyHandler } from '../../functions/intents-events';
import { handler as updateHandler } from '../../functions/intents-update';
import { type FulfilmentServices, fulfilmentServices } from '../../local/background';
import { localClient } from '../../local/dynamodb-local';
import { ensureTable } from '../../local/table-setup';
import { recordOutcome } from '../../shared/fulfilment/operator';
import { intentsFulfilmentStore } from '../../shared/fulfilment/store';
import { addTracking } from '../../shared/fulfilment/tracking';
import { getIntent } from '../../shared/store/intents';
import { listDeliveries } from '../../shared/webhooks/deliveries';
import { createTestApp } from '../support/apps';
import { type Credentials, invoke, signedEvent } from '../support/events';

const TSX = 'node_modules/.bin/tsx';
const tableName = `procure-core-fulfilment-${randomBytes(4).toString('hex')}`;
// Before the first store call and the consumers' first record, when they are read.
Object.assign(process.env, {
  TABLE_NAME: tableName,
  LOCAL_RUNTIME: 'true',
  SANDBOX_DELAY_MS: '300',
  FULFILMENT_ADAPTERS: 'TAOBAO=manual',
});

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  verified: boolean;
}

let server: Server;
let receiverUrl: string;
const received: Received[] = [];
let failNextDeliveries = 0;
let services: FulfilmentServices;
let app: Credentials;

function verify(secret: string, path: string, headers: Record<string, string>, body: string): boolean {
  const expected = createHmac('sha256', secret).update(`POST${path}${headers['x-timestamp']}${body}`).digest();
  const given = Buffer.from(headers['x-signature'] ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

beforeAll(async () => {
  const endpoint = inject('dynamoDbEndpoint');
  if (!endpoint) throw new Error('no DynamoDB Local: run with `npm run test:integration`');
  const client = localClient(endpoint);
  await ensureTable(client, tableName);
  client.destroy();

  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (failNextDeliveries > 0) {
        failNextDeliveries -= 1;
        res.writeHead(500).end();
        return;
      }
      const headers = req.headers as Record<string, string>;
      received.push({
        path: req.url ?? '',
        headers,
        body,
        verified: verify(app.appSecret, req.url ?? '', headers, body),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/procure?source=it`;

  app = await createTestApp({ webhookUrl: receiverUrl, limits: { create: 1000, query: 1000, update: 1000 } });
  services = await fulfilmentServices({
    endpoint,
    tableName,
    idleMs: 100,
    retryMs: 300,
    webhookDelayScale: 0.005,
    // The table is shared with every integration file; catching up the whole stream's counters here would only
    // slow fulfilment (the counters have tests of their own, and settleCounters counts for the files that need it).
    counters: false,
  });
  await services.start();
});

afterAll(async () => {
  await services?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

let lastStamp = Date.now();
const stamp = () => {
  lastStamp = Math.min(lastStamp - 1, Date.now());
  return String(lastStamp);
};

async function createIntent(productUrl: string, platform = 'JD'): Promise<string> {
  const body = JSON.stringify({
    userId: 'user_001',
    platform,
    productUrl,
    title: '机械键盘',
    price: 19.99,
    quantity: 3,
    recipientName: '张三',
    address: '北京市朝阳区望京SOHO T1 1001',
    phone: '13800138000',
  });
  const res = await invoke(
    createHandler,
    signedEvent(app, { method: 'POST', path: '/api/v1/intents', body, timestamp: stamp() }),
  );
  expect(res.status).toBe(201);
  return res.body.data.id;
}

async function cancelIntent(id: string) {
  return invoke(
    updateHandler,
    signedEvent(app, {
      method: 'PUT',
      path: `/api/v1/intents/${id}`,
      pathParameters: { id },
      body: JSON.stringify({ status: 'CANCELLED' }),
      timestamp: stamp(),
    }),
  );
}

async function statusHistory(id: string) {
  const res = await invoke(
    historyHandler,
    signedEvent(app, { path: `/api/v1/intents/${id}/events`, pathParameters: { id }, timestamp: stamp() }),
  );
  expect(res.status).toBe(200);
  return res.body.data.items as { actor: string; from?: string; to: string }[];
}

/** Polls until `check` passes or the deadline; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean> | boolean): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

const webhooksFor = (id: string) =>
  received.map((r) => ({ ...r, event: JSON.parse(r.body) })).filter((r) => r.event.data.id === id);

describe('fulfilment on the local runtime', () => {
  it('takes an intent SUBMITTED → PROCESSING → COMPLETED within 15 s, with history and verified webhooks', async () => {
    const id = await createIntent('https://item.jd.com/100012345.html');
    await within(15_000, async () => (await getIntent(id))?.status === 'COMPLETED');
    const intent = await getIntent(id);
    expect(intent?.orderId).toMatch(/^SBX/);
    expect(intent?.trackingNumber).toBeTruthy();
    expect(intent?.trackingCompany).toBeTruthy();
    expect(intent?.completedAt).toBeTruthy();

    expect(await statusHistory(id)).toEqual([
      expect.objectContaining({ to: 'SUBMITTED' }),
      expect.objectContaining({ actor: 'system', from: 'SUBMITTED', to: 'PROCESSING' }),
      expect.objectContaining({ actor: 'system', from: 'PROCESSING', to: 'COMPLETED' }),
    ]);

    await within(5000, () => webhooksFor(id).length >= 2);
    const hooks = webhooksFor(id);
    expect(hooks.every((h) => h.verified)).toBe(true);
    expect(hooks.every((h) => h.path === '/hooks/procure?source=it' && h.headers['x-app-id'] === app.appId)).toBe(true);
    const changes = hooks.map((h) => `${h.event.data.previousStatus}→${h.event.data.status}`).sort();
    expect(changes).toEqual(['PROCESSING→COMPLETED', 'SUBMITTED→PROCESSING']);
    const done = hooks.find((h) => h.event.data.status === 'COMPLETED')!;
    expect(done.event).toMatchObject({
      type: 'intent.status_changed',
      data: { orderId: intent?.orderId, phone: '138****8000' },
    });
    expect(done.headers['x-event-id']).toBe(done.event.eventId);
  });

  it('fails an intent by its sandbox product id, with the failure in the intent and the webhook', async () => {
    const id = await createIntent('https://item.jd.com/100409.html');
    await within(15_000, async () => (await getIntent(id))?.status === 'FAILED');
    expect(await getIntent(id)).toMatchObject({ failureCode: 'OUT_OF_STOCK', failureReason: '库存不足' });
    await within(5000, () => webhooksFor(id).some((h) => h.event.data.status === 'FAILED'));
    const failed = webhooksFor(id).find((h) => h.event.data.status === 'FAILED')!;
    expect(failed.verified).toBe(true);
    expect(failed.event.data).toMatchObject({ failureCode: 'OUT_OF_STOCK', previousStatus: 'PROCESSING' });
  });

  it('retries a webhook the receiver refused until it is delivered', async () => {
    failNextDeliveries = 2;
    const id = await createIntent('https://item.jd.com/100402.html');
    await within(15_000, () => webhooksFor(id).some((h) => h.event.data.status === 'FAILED'));
    expect(failNextDeliveries).toBe(0);
    expect(webhooksFor(id).every((h) => h.verified)).toBe(true);
    // The sender kept the console's delivery records of both events: every attempt counted, delivered in the end.
    const recordsOf = async () => (await listDeliveries(app.appId, 100)).filter((d) => d.intentId === id);
    await within(5000, async () => (await recordsOf()).filter((d) => d.state === 'DELIVERED').length === 2);
    const records = await recordsOf();
    expect(records.map((d) => [d.state, d.lastStatus, d.lastError])).toEqual([
      ['DELIVERED', 204, undefined],
      ['DELIVERED', 204, undefined],
    ]);
    expect(records.reduce((sum, d) => sum + d.attempts, 0)).toBe(4);
  });

  it('manual platform: a cancel during PROCESSING wins, and the operator is then refused', async () => {
    const id = await createIntent('https://item.taobao.com/item.htm?id=777123', 'TAOBAO');
    await within(15_000, async () => (await getIntent(id))?.status === 'PROCESSING');
    const cancelled = await cancelIntent(id);
    expect(cancelled.status).toBe(200);
    await expect(
      recordOutcome({
        verb: 'complete',
        intentId: id,
        orderId: 'TB1',
        paidPriceFen: 1999,
        trackingNumber: 'SF1',
        trackingCompany: '顺丰速运',
      }),
    ).rejects.toThrow(/CANCELLED, not PROCESSING/);
    expect(await getIntent(id)).toMatchObject({ status: 'CANCELLED' });
    expect((await getIntent(id))?.orderId).toBeUndefined();
  });

  it('manual platform: the operator completes first, and the cancel is then refused', async () => {
    const id = await createIntent('https://item.taobao.com/item.htm?id=777124', 'TAOBAO');
    await within(15_000, async () => (await getIntent(id))?.status === 'PROCESSING');
    const done = await recordOutcome({
      verb: 'complete',
      intentId: id,
      orderId: 'TB2',
      paidPriceFen: 1999,
      trackingNumber: 'SF2',
      trackingCompany: '顺丰速运',
    });
    expect(done.status).toBe('COMPLETED');
    const refused = await cancelIntent(id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe(40902);
    expect((await statusHistory(id)).at(-1)).toMatchObject({ actor: 'operator', from: 'PROCESSING', to: 'COMPLETED' });
  });

  it('a waybill added after completion: one history event and one intent.tracking_updated webhook, once', async () => {
    const id = await createIntent('https://item.taobao.com/item.htm?id=777127', 'TAOBAO');
    await within(15_000, async () => (await getIntent(id))?.status === 'PROCESSING');
    // Completed by hand before the parcel had a waybill.
    await intentsFulfilmentStore('operator').complete(id, { orderId: 'TB3' });
    const tracking = { trackingCompany: '中通快递', trackingNumber: 'ZT7771270001' };
    const tracked = await addTracking(id, tracking, 'operator');
    expect(tracked).toMatchObject({ status: 'COMPLETED', orderId: 'TB3', ...tracking });
    // The same waybill again (a redelivered message, a repeated command) writes and sends nothing.
    expect((await addTracking(id, tracking, 'operator'))?.version).toBe(tracked?.version);

    const history = await statusHistory(id);
    expect(history.at(-1)).toEqual({
      actor: 'operator',
      from: 'COMPLETED',
      to: 'COMPLETED',
      at: tracked?.updatedAt,
      ...tracking,
    });
    expect(history.filter((e) => e.from === 'COMPLETED')).toHaveLength(1);

    await within(5000, () => webhooksFor(id).some((h) => h.event.type === 'intent.tracking_updated'));
    const hook = webhooksFor(id).find((h) => h.event.type === 'intent.tracking_updated')!;
    expect(hook.verified).toBe(true);
    expect(hook.event.data).toMatchObject({ id, status: 'COMPLETED', orderId: 'TB3', ...tracking });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(webhooksFor(id).filter((h) => h.event.type === 'intent.tracking_updated')).toHaveLength(1);

    // A status that takes no tracking is left alone.
    const draft = await createIntent('https://item.taobao.com/item.htm?id=777128', 'TAOBAO');
    await within(15_000, async () => (await getIntent(draft))?.status === 'PROCESSING');
    expect((await cancelIntent(draft)).status).toBe(200);
    expect(await addTracking(draft, tracking, 'operator')).toBeUndefined();
    expect((await getIntent(draft))?.trackingNumber).toBeUndefined();
  });

  it('surfaces an intent left in PROCESSING past the limit through the list query the watchdog counts', async () => {
    const id = await createIntent('https://item.taobao.com/item.htm?id=777125', 'TAOBAO');
    await within(15_000, async () => (await getIntent(id))?.status === 'PROCESSING');
    const [{ findStuck }, { listIntents }] = await Promise.all([
      import('../../shared/fulfilment/stuck'),
      import('../../shared/store/listing'),
    ]);
    const report = await findStuck([app.appId], new Date(Date.now() + 60_000).toISOString(), (a, q) =>
      listIntents(a, q),
    );
    expect(report.total).toBe(1);
    expect(report.apps[0]?.oldest).toEqual([id]);
    const beforeIt = await findStuck([app.appId], new Date(Date.now() - 3_600_000).toISOString(), (a, q) =>
      listIntents(a, q),
    );
    expect(beforeIt.total).toBe(0);
  });

  it('npm run ops: completes a manual order, refuses a second report (exit 1) and bad arguments (exit 2)', async () => {
    const id = await createIntent('https://item.taobao.com/item.htm?id=777126', 'TAOBAO');
    await within(15_000, async () => (await getIntent(id))?.status === 'PROCESSING');
    const target = ['--endpoint', inject('dynamoDbEndpoint'), '--table', tableName];
    const ops = (...args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          TSX,
          ['bin/ops.ts', ...args, ...target],
          { cwd: process.cwd(), timeout: 60_000 },
          (error, stdout, stderr) =>
            resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const completed = await ops(
      'complete',
      id,
      '--order-id',
      'TB-1',
      '--paid-price',
      '19.99',
      '--tracking-number',
      'SF9',
      '--tracking-company',
      '顺丰速运',
    );
    expect(completed.code).toBe(0);
    expect(JSON.parse(completed.stdout)).toMatchObject({ id, status: 'COMPLETED' });
    expect(await getIntent(id)).toMatchObject({
      orderId: 'TB-1',
      paidPriceFen: 1999,
      trackingNumber: 'SF9',
      trackingCompany: '顺丰速运',
    });
    const again = await ops('fail', id, '--code', 'OUT_OF_STOCK', '--reason', '库存不足');
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toContain('COMPLETED, not PROCESSING');
    const bad = await ops('complete', id, '--order-id', 'TB-1');
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('--paid-price is required');
  }, 60_000);
});
