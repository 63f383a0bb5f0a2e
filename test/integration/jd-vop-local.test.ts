// `npm start` with JD_VOP_SIMULATOR=true end to end: a JD intent goes SUBMITTED → PROCESSING with the JD order id
// → COMPLETED with tracking, ordered through the VOP simulator and finished by its delivery messages, with history
// events and webhooks; a cancelled one cancels its JD order; a cancel JD refuses (shipped) reaches the console's
// audit log of the dev organisation, which owns the dev app. The dev app's webhook is set with the apps CLI.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_CREDENTIALS } from '../../local/jd-vop-sim/server';
import { freePort } from '../../local/ports';
import { signedRequest } from '../../local/signed-request';
import { DEV_APP_ID } from '../../shared/apps/app';
import { DEV_ORG_ID } from '../../shared/console/dev-organisation';
import { CANCEL_REFUSED_ACTION } from '../../shared/fulfilment/cancel-refusal';
import { vopApi } from '../../shared/fulfilment/jd-vop/api';
import { vopClient } from '../../shared/fulfilment/jd-vop/client';
import { parseVopSettings } from '../../shared/fulfilment/jd-vop/settings';
import { auditPk } from '../../shared/store/keys/console';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

let child: ChildProcess;
let out = '';
let port: number;
let dynamoDbPort: number;
let dataDir: string;
let receiver: Server;
const webhooks: { type: string; data: Record<string, unknown> }[] = [];
const webhooksFor = (id: string) => webhooks.filter((w) => w.data.id === id);

/** The operators' apps CLI against this runtime's DynamoDB Local: one JSON answer on stdout. */
function cli(script: string, ...args: string[]) {
  const stdout = execFileSync(TSX, [script, ...args], {
    env: { ...process.env, DYNAMODB_PORT: String(dynamoDbPort), DYNAMODB_ENDPOINT: '', TABLE_NAME: '' },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api(method: string, target: string, body?: unknown) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const { headers } = signedRequest({ method, target, body: raw, baseUrl: '' });
  const response = await fetch(`http://127.0.0.1:${port}${target}`, {
    method,
    headers: { ...headers, ...(raw ? { 'content-type': 'application/json' } : {}) },
    body: raw || undefined,
  });
  return (await response.json()) as { code: number; data: Record<string, unknown> };
}

const intentBody = (productId: string) => ({
  userId: 'buyer-1',
  platform: 'JD',
  productUrl: `https://item.jd.com/${productId}.html`,
  title: '机械键盘',
  price: 19.99,
  quantity: 2,
  recipientName: '张三',
  address: '北京市朝阳区建国路1号',
  phone: '13800138000',
});

function javaPidsOnPort(p: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((a) => a.includes('DynamoDBLocal.jar')) && args[args.indexOf('-port') + 1] === String(p);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('npm start with the JD VOP simulator', () => {
  beforeAll(async () => {
    port = await freePort();
    dynamoDbPort = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'procure-core-jd-'));
    child = spawn(TSX, ['bin/start.ts'], {
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: '',
        TABLE_NAME: '',
        LOG_LEVEL: 'WARN',
        PORT: String(port),
        DYNAMODB_PORT: String(dynamoDbPort),
        DATA_DIR: dataDir,
        JD_VOP_SIMULATOR: 'true',
        JD_VOP_SIM_SHIP_MS: '4000',
        JD_VOP_SIM_DELIVER_MS: '1000',
        JD_VOP_POLL_MS: '300',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    await waitFor(
      () => (out.includes('listening on') ? true : child.exitCode !== null ? false : undefined),
      'start',
      90_000,
    );
    if (child.exitCode !== null) throw new Error(`npm start failed:\n${out}`);

    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        webhooks.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    cli('bin/apps.ts', 'set-webhook', DEV_APP_ID, '--webhook', hookUrl);
  }, 130_000);

  afterAll(async () => {
    if (child?.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
    for (const pid of javaPidsOnPort(dynamoDbPort)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says JD goes through the simulator', () => {
    expect(out).toMatch(/JD VOP simulator at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('SUBMITTED → PROCESSING with the JD order id → COMPLETED with tracking, each step in the history', async () => {
    const created = await api('POST', '/api/v1/intents', intentBody('100012345'));
    expect(created.code).toBe(0);
    const id = String(created.data.id);

    const placed = await waitFor(
      async () => {
        const { data } = await api('GET', `/api/v1/intents/${id}`);
        return data.orderId ? data : undefined;
      },
      'the JD order id',
      20_000,
    );
    expect(placed).toMatchObject({ status: 'PROCESSING', orderId: expect.stringMatching(/^\d+$/) });

    const done = await waitFor(
      async () => {
        const { data } = await api('GET', `/api/v1/intents/${id}`);
        return data.status === 'COMPLETED' ? data : undefined;
      },
      'COMPLETED',
      30_000,
    );
    expect(done).toMatchObject({
      orderId: placed.orderId,
      trackingCompany: '京东快递',
      trackingNumber: expect.stringMatching(/^JDV\d+$/),
      completedAt: expect.any(String),
    });
    const events = await api('GET', `/api/v1/intents/${id}/events`);
    // Shipped while PROCESSING: the waybill has its own history event (from = to) before delivery completes it.
    expect(events.data.items).toEqual([
      expect.objectContaining({ to: 'SUBMITTED' }),
      expect.objectContaining({ from: 'SUBMITTED', to: 'PROCESSING' }),
      expect.objectContaining({
        from: 'PROCESSING',
        to: 'PROCESSING',
        trackingCompany: '京东快递',
        trackingNumber: done.trackingNumber,
      }),
      expect.objectContaining({ from: 'PROCESSING', to: 'COMPLETED' }),
    ]);
    // Each step told the partner: the status changes, and the waybill on its own (intent.tracking_updated).
    await waitFor(() => (webhooksFor(id).length >= 3 ? true : undefined), 'the webhooks', 15_000);
    const told = webhooksFor(id).map((w) => `${w.type} ${w.data.previousStatus ?? ''}→${w.data.status}`);
    expect(told.sort()).toEqual([
      'intent.status_changed PROCESSING→COMPLETED',
      'intent.status_changed SUBMITTED→PROCESSING',
      'intent.tracking_updated →PROCESSING',
    ]);
    const tracked = webhooksFor(id).find((w) => w.type === 'intent.tracking_updated')!;
    expect(tracked.data).toMatchObject({ trackingCompany: '京东快递', trackingNumber: done.trackingNumber });
  }, 60_000);

  it('a price JD no longer holds fails the intent with PRICE_CHANGED', async () => {
    const created = await api('POST', '/api/v1/intents', intentBody('100012402'));
    const id = String(created.data.id);
    const failed = await waitFor(
      async () => {
        const { data } = await api('GET', `/api/v1/intents/${id}`);
        return data.status === 'FAILED' ? data : undefined;
      },
      'FAILED',
      20_000,
    );
    expect(failed).toMatchObject({ failureCode: 'PRICE_CHANGED', failureReason: '商品价格变动' });
    expect(failed.orderId).toBeUndefined();
  }, 30_000);

  it('a partner cancel while JD holds the order cancels the JD order through VOP', async () => {
    const created = await api('POST', '/api/v1/intents', intentBody('100077777'));
    const id = String(created.data.id);
    const placed = await waitFor(
      async () => {
        const { data } = await api('GET', `/api/v1/intents/${id}`);
        return data.orderId ? data : undefined;
      },
      'the JD order id',
      20_000,
    );

    const cancelled = await api('PUT', `/api/v1/intents/${id}`, { status: 'CANCELLED' });
    expect(cancelled.data).toMatchObject({ status: 'CANCELLED' });

    // Asked of the simulator the way the adapter asks VOP.
    const url = /JD VOP simulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    const settings = parseVopSettings({ url, ...SIM_CREDENTIALS }, 'test');
    const vop = vopApi(vopClient({ settings }), settings);
    const order = await waitFor(
      async () => {
        const o = await vop.order(String(placed.orderId));
        return o.valid ? undefined : o;
      },
      'the JD order to be cancelled',
      20_000,
    );
    expect(order).toMatchObject({ jdOrderId: placed.orderId, valid: false });
  }, 45_000);

  it('a cancel JD refuses (shipped) leaves the intent CANCELLED and reaches the console audit log', async () => {
    const created = await api('POST', '/api/v1/intents', intentBody('100088408'));
    const id = String(created.data.id);
    const shipped = await waitFor(
      async () => {
        const { data } = await api('GET', `/api/v1/intents/${id}`);
        return data.trackingNumber ? data : undefined;
      },
      'the waybill',
      20_000,
    );

    const cancelled = await api('PUT', `/api/v1/intents/${id}`, { status: 'CANCELLED' });
    expect(cancelled.data).toMatchObject({ status: 'CANCELLED' });

    // Read the way the console's audit page reads it: the organisation's audit partition.
    const table = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${dynamoDbPort}`,
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    const entry = await waitFor(
      async () => {
        const { Items = [] } = await table.send(
          new QueryCommand({
            TableName: 'procure-core-local',
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': auditPk(DEV_ORG_ID) },
          }),
        );
        return Items.find((i) => i.action === CANCEL_REFUSED_ACTION && i.detail?.intentId === id);
      },
      'the audit entry',
      20_000,
    );
    table.destroy();
    expect(entry).toMatchObject({
      appId: DEV_APP_ID,
      detail: { platform: 'JD', orderId: shipped.orderId, reason: expect.stringMatching(/^3204 /) },
    });
    // Still CANCELLED: JD's later delivery message changes nothing.
    await new Promise((r) => setTimeout(r, 2000));
    expect((await api('GET', `/api/v1/intents/${id}`)).data).toMatchObject({ status: 'CANCELLED' });
  }, 60_000);
});
