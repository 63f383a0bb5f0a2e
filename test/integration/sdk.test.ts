// Both SDKs end to end against `npm start`: the seed documents' snippets as written, then every SDK operation.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ProcureClient, ProcureError, verifyWebhook } from '@procure-core/sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../local/ports';
import { DEV_APP_ID, DEV_APP_SECRET } from '../../shared/apps/app';
import {
  between,
  clientPrologue,
  localise,
  restorePythonLines,
  restoreTsLines,
  seedText,
  type Target,
} from './sdk-seed-snippets';

const run = promisify(execFile);
const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let runtime: ChildProcess;
let output = '';
let work: string;
let target: Target;
let dynamoDbPort: number;

const SEED_INPUT = {
  userId: 'user_001',
  platform: 'TAOBAO',
  productUrl: 'https://item.taobao.com/item.htm?id=123456',
  title: 'Apple iPhone 15 Pro 256GB',
  price: 8999,
  quantity: 1,
  recipientName: '张三',
  address: '北京市朝阳区望京SOHO T1 1001',
  phone: '13800138000',
} as const;

/** Runs a TypeScript snippet as an ES module in a scratch project where `@procure-core/sdk` is the workspace. */
async function runTs(name: string, code: string): Promise<string> {
  const file = join(work, `${name}.mts`);
  writeFileSync(file, code);
  const { stdout } = await run(TSX, ['--conditions=source', file], { cwd: work, timeout: 90_000 });
  return stdout;
}

async function runPython(name: string, code: string): Promise<string> {
  const file = join(work, `${name}.py`);
  writeFileSync(file, code);
  const { stdout } = await run('python3', [file], {
    cwd: work,
    timeout: 90_000,
    env: { ...process.env, PYTHONPATH: join(ROOT, 'sdk', 'python') },
  });
  return stdout;
}

beforeAll(async () => {
  const port = await freePort();
  dynamoDbPort = await freePort();
  work = mkdtempSync(join(tmpdir(), 'procure-sdk-e2e-'));
  mkdirSync(join(work, 'node_modules', '@procure-core'), { recursive: true });
  symlinkSync(join(ROOT, 'sdk', 'typescript'), join(work, 'node_modules', '@procure-core', 'sdk'));
  runtime = spawn(TSX, ['bin/start.ts'], {
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: '',
      TABLE_NAME: '',
      LOG_LEVEL: 'WARN',
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoDbPort),
      DATA_DIR: join(work, 'data'),
      // PDD orders are placed by people: its intents wait in PROCESSING, so cancelling them is never a race.
      FULFILMENT_ADAPTERS: 'PDD=manual',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runtime.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  runtime.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const deadline = Date.now() + 90_000;
  while (!output.includes('listening on')) {
    if (runtime.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  target = { appId: DEV_APP_ID, appSecret: DEV_APP_SECRET, baseURL: `http://127.0.0.1:${port}` };
}, 100_000);

afterAll(async () => {
  if (runtime && runtime.exitCode === null) {
    const exited = new Promise((r) => runtime.once('exit', r));
    runtime.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (runtime.exitCode === null) runtime.kill('SIGKILL');
  }
  if (work) rmSync(work, { recursive: true, force: true });
}, 30_000);

describe('seed snippets, TypeScript', () => {
  it('002 create, 004 get, 003 list and its usage scenarios', async () => {
    const create = localise(between(seedText('002'), 'TypeScript / JavaScript', 'Python\n'), target);
    const created = await runTs('seed-002', create);
    const id = /采购意图 ID: (intent_[0-9A-Z]{26})/.exec(created)?.[1];
    expect(id, created).toBeDefined();

    const seed004 = seedText('004');
    // The detail page reads a fixed example id; point it at the intent just created.
    const get = localise(between(seed004, 'TypeScript / JavaScript', '\nPython'), target).replaceAll(
      'intent_67890',
      id!,
    );
    const detail = await runTs('seed-004', get);
    expect(detail).toMatch(/意图状态: (SUBMITTED|PROCESSING|COMPLETED)/);
    expect(detail).toContain('商品标题: Apple iPhone 15 Pro 256GB');
    expect(detail).toContain('总金额: 8999');

    const display = localise(between(seed004, '3. 状态展示', '状态说明'), target).replaceAll('intent_67890', id!);
    const shown = await runTs('seed-004-display', `${clientPrologue(get)}\n${restoreTsLines(display)}`);
    expect(shown).toMatch(/状态: (已提交 \(blue\)|处理中 \(yellow\)|已完成 \(green\))/);

    const seed003 = seedText('003');
    const list = localise(between(seed003, 'TypeScript / JavaScript', 'Python\n'), target);
    const listed = await runTs(
      'seed-003',
      `${list}\nconsole.log('COUNTS', intents.data.total, submittedIntents.data.items.length, userIntents.data.totalPages);`,
    );
    expect(listed).toMatch(/COUNTS 1 [01] 1/);

    const usage = [
      between(seed003, '1. 分页加载', '2. 状态监控'),
      between(seed003, '2. 状态监控', '3. 用户订单历史'),
      between(seed003, '3. 用户订单历史', '4. 日期范围查询'),
      between(seed003, '4. 日期范围查询', '常见错误'),
    ].join('\n');
    const used = await runTs(
      'seed-003-scenarios',
      `${clientPrologue(list)}\n${usage}\n` +
        `console.log('ALL', (await loadAllIntents()).length, (await getUserPurchaseHistory('user_001')).data.total, monthlyIntents.data.total);`,
    );
    expect(used).toMatch(/当前有 \d+ 个意图正在处理/);
    expect(used).toMatch(/ALL 1 1 0/);
  }, 180_000);
});

describe('seed snippets, Python', () => {
  it('002 create, 004 get and 003 list run as written', async () => {
    const create = localise(between(seedText('002'), 'Python\nfrom', '响应参数'), target);
    const created = await runPython('seed_002', `from ${create}\n`);
    const id = /采购意图 ID: (intent_[0-9A-Z]{26})/.exec(created)?.[1];
    expect(id, created).toBeDefined();

    const get = restorePythonLines(localise(between(seedText('004'), '\nPython', '\n响应参数'), target));
    const detail = await runPython('seed_004', `${get.replaceAll('intent_67890', id!)}\n`);
    expect(detail).toMatch(/意图状态: (SUBMITTED|PROCESSING|COMPLETED)/);
    expect(detail).toContain('总金额: 8999');

    const list = localise(between(seedText('003'), 'Python\nfrom', '响应参数'), target);
    const listed = await runPython(
      'seed_003',
      `from ${list}\nprint('COUNTS', intents.data.total >= 1, len(submitted_intents.items) <= 20, user_intents.total_pages >= 1)\n`,
    );
    expect(listed).toContain('COUNTS True True True');
  }, 180_000);
});

describe('every SDK operation against the runtime', () => {
  const input = {
    userId: 'sdk_e2e',
    platform: 'PDD',
    productUrl: 'https://mobile.yangkeduo.com/goods.html?goods_id=100012043978',
    title: 'SDK 端到端',
    price: 19.99,
    quantity: 3,
    recipientName: '张三',
    address: '北京市朝阳区望京SOHO T1 1001',
    phone: '13800138000',
  } as const;

  it('draft, update, submit, cancel, events, delete, iterate and typed errors', async () => {
    const client = new ProcureClient(target);
    const draft = await client.intents.create({ ...input, status: 'DRAFT' });
    expect(draft.status).toBe('DRAFT');
    const updated = await client.intents.update(draft.id, { quantity: 2 });
    expect(updated.totalAmount).toBe(39.98);
    expect(updated.phone).toBe('138****8000');
    expect((await client.intents.submit(draft.id)).status).toBe('SUBMITTED');
    const conflict = await client.intents.update(draft.id, { quantity: 3 }).catch((e) => e);
    expect(conflict).toBeInstanceOf(ProcureError);
    expect(conflict).toMatchObject({ code: 40902, status: 409 });
    expect(conflict.requestId).toMatch(/^req_\d{13}_[a-z0-9]+$/);
    const cancelled = await client.intents.cancel(draft.id);
    expect(cancelled.status).toBe('CANCELLED');
    // A cancelled intent is final, so this returns at once whether or not fulfilment runs locally.
    const final = await client.intents.waitForCompletion(draft.id, { timeout: 5_000, interval: 200 });
    expect(final).toMatchObject({ id: draft.id, status: 'CANCELLED' });
    const events = await client.intents.events(draft.id);
    // Whether fulfilment had already moved it to PROCESSING (manual adapter) depends on timing; the ends do not.
    expect(events.slice(0, 2).map((e) => [e.from, e.to])).toEqual([
      [undefined, 'DRAFT'],
      ['DRAFT', 'SUBMITTED'],
    ]);
    expect(events.at(-1)?.to).toBe('CANCELLED');
    expect(await client.intents.delete(draft.id)).toEqual({ id: draft.id, deleted: true });

    const second = await client.intents.create({ ...input });
    const fourth = await client.intents.create({ ...input });
    const third = await client.intents.create({ ...input, status: 'DRAFT' });
    expect(await client.intents.delete(third.id)).toEqual({ id: third.id, deleted: true });
    expect(await client.intents.get(third.id).catch((e) => e.code)).toBe(40401);
    expect(await client.intents.get(draft.id).catch((e) => e.code)).toBe(40401);

    const seen: string[] = [];
    for await (const item of client.intents.iterate({ userId: 'sdk_e2e', pageSize: 1 })) seen.push(item.id);
    expect(seen.sort()).toEqual([second.id, fourth.id].sort());
    // Totals follow the stream (eventually consistent, like the list's items): poll until the deletes are counted.
    await vi.waitFor(
      async () => {
        const pages = await client.intents.list({ userId: 'sdk_e2e', pageSize: 1 });
        expect(pages.data).toMatchObject({ total: 2, page: 1, pageSize: 1, totalPages: 2 });
      },
      { timeout: 10_000, interval: 100 },
    );

    const refused = await new ProcureClient({ ...target, appSecret: 'wrong' }).intents.list().catch((e) => e);
    expect(refused).toMatchObject({ code: 40101, status: 401 });
  }, 90_000);

  it('the Python SDK does the same', async () => {
    const script = `
import json
from procure_core import ProcureClient, ProcureError
client = ProcureClient(app_id=${JSON.stringify(target.appId)}, app_secret=${JSON.stringify(target.appSecret)}, base_url=${JSON.stringify(target.baseURL)})
fields = dict(user_id='sdk_e2e_py', platform='PDD', product_url='https://mobile.yangkeduo.com/goods.html?goods_id=100012043978', title='SDK 端到端',
              price=19.99, quantity=3, recipient_name='张三', address='北京市朝阳区望京SOHO T1 1001', phone='13800138000')
out = {}
draft = client.intents.create(status='DRAFT', **fields)
out['total'] = client.intents.update(draft.id, quantity=2).total_amount
out['submitted'] = client.intents.submit(draft.id).status
try:
    client.intents.update(draft.id, quantity=3)
except ProcureError as e:
    out['conflict'] = [e.code, e.status, e.request_id.startswith('req_')]
out['final'] = client.intents.cancel(draft.id).status
out['waited'] = client.intents.wait_for_completion(draft.id, timeout=5, interval=0.2).status
history = client.intents.events(draft.id)
out['events'] = [[e.from_status, e.to_status] for e in history[:2]] + [history[-1].to_status]
out['deleted'] = client.intents.delete(draft.id)['deleted']
kept = [client.intents.create(**fields).id for _ in range(2)]
out['iterated'] = sorted(i.id for i in client.intents.iterate(user_id='sdk_e2e_py', page_size=1)) == sorted(kept)
print(json.dumps(out, ensure_ascii=False))
`;
    const result = JSON.parse(await runPython('sdk_operations', script));
    expect(result).toEqual({
      total: 39.98,
      submitted: 'SUBMITTED',
      conflict: [40902, 409, true],
      final: 'CANCELLED',
      waited: 'CANCELLED',
      events: [[null, 'DRAFT'], ['DRAFT', 'SUBMITTED'], 'CANCELLED'],
      deleted: true,
      iterated: true,
    });
  }, 60_000);
});

describe('with fulfilment running (sandbox adapter)', () => {
  it('seed 004 polling and tracking scenarios, and waitForCompletion in both SDKs', async () => {
    const client = new ProcureClient(target);
    const seed004 = seedText('004');
    const get = localise(between(seed004, 'TypeScript / JavaScript', '\nPython'), target);
    const { id } = await client.intents.create({ ...SEED_INPUT });
    const scenarios = restoreTsLines(
      [between(seed004, '1. 轮询查询状态', '2. 获取物流信息'), between(seed004, '2. 获取物流信息', '3. 状态展示')].join(
        '\n',
      ),
    );
    const polled = await runTs(
      'seed-004-scenarios',
      `${clientPrologue(get)}\n${scenarios}\nawait waitForCompletion('${id}');\n` +
        `console.log('TRACKING', JSON.stringify(await getTrackingInfo('${id}')));`,
    );
    expect(polled).toContain('采购完成!');
    expect(polled).toMatch(/TRACKING \{"number":"[^"]+","company":"[^"]+","url":"https:\/\/tracking\.example\.com\//);

    const unavailable = await client.intents.create({
      ...SEED_INPUT,
      productUrl: 'https://item.taobao.com/item.htm?id=100404',
    });
    const failed = await client.intents.waitForCompletion(unavailable.id, { timeout: 30_000, interval: 500 });
    expect(failed).toMatchObject({ status: 'FAILED', failureCode: 'PRODUCT_UNAVAILABLE', failureReason: '商品已下架' });

    const script = `
from procure_core import ProcureClient
client = ProcureClient(app_id=${JSON.stringify(target.appId)}, app_secret=${JSON.stringify(target.appSecret)}, base_url=${JSON.stringify(target.baseURL)})
intent = client.intents.create(user_id='user_py', platform='JD', product_url='https://item.jd.com/100012043978.html',
    title='京东商品', price=10, quantity=1, recipient_name='张三', address='北京市朝阳区望京SOHO T1 1001', phone='13800138000')
done = client.intents.wait_for_completion(intent.id, timeout=30, interval=0.5)
print(done.status, bool(done.order_id), bool(done.tracking_number), done.failure_reason)
`;
    expect((await runPython('wait_for_completion', script)).trim()).toBe('COMPLETED True True None');
  }, 180_000);

  it('delivers signed webhooks that both SDKs verify', async () => {
    const deliveries: { url: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        deliveries.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const hookPath = '/hooks/procure?tenant=7';
      const webhook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${hookPath}`;
      const { stdout } = await run(TSX, ['bin/apps.ts', 'create', '--name', 'sdk-e2e', '--webhook', webhook], {
        cwd: ROOT,
        env: { ...process.env, DYNAMODB_PORT: String(dynamoDbPort), DYNAMODB_ENDPOINT: '', TABLE_NAME: '' },
      });
      const { appId, appSecret } = JSON.parse(stdout) as { appId: string; appSecret: string };
      const client = new ProcureClient({ ...target, appId, appSecret });
      const { id } = await client.intents.create({ ...SEED_INPUT });
      await client.intents.waitForCompletion(id, { timeout: 30_000, interval: 500 });
      const deadline = Date.now() + 30_000;
      while (!deliveries.some((d) => JSON.parse(d.body.toString()).data?.status === 'COMPLETED')) {
        if (Date.now() > deadline) throw new Error(`no COMPLETED webhook; got ${deliveries.length} deliveries`);
        await new Promise((r) => setTimeout(r, 200));
      }
      for (const d of deliveries) {
        const options = {
          appSecret,
          path: d.url,
          timestamp: String(d.headers['x-timestamp']),
          signature: String(d.headers['x-signature']),
          body: d.body,
        };
        expect(d.url).toBe(hookPath);
        expect(verifyWebhook(options)).toBe(true);
        expect(verifyWebhook({ ...options, body: Buffer.concat([d.body, Buffer.from(' ')]) })).toBe(false);
        expect(verifyWebhook({ ...options, appSecret: DEV_APP_SECRET })).toBe(false);
      }
      const last = deliveries.at(-1)!;
      writeFileSync(join(work, 'delivery.json'), last.body);
      const verified = await runPython(
        'verify_webhook',
        `from procure_core import verify_webhook
body = open(${JSON.stringify(join(work, 'delivery.json'))}, 'rb').read()
args = dict(app_secret=${JSON.stringify(appSecret)}, path=${JSON.stringify(hookPath)},
            timestamp=${JSON.stringify(String(last.headers['x-timestamp']))}, signature=${JSON.stringify(String(last.headers['x-signature']))})
print(verify_webhook(body=body, **args), verify_webhook(body=body + b' ', **args))
`,
      );
      expect(verified.trim()).toBe('True False');
    } finally {
      receiver.close();
    }
  }, 180_000);
});

describe('batch create against the runtime (createMany / create_many)', () => {
  /** An app whose create limit fits a batch of 50 (the default 10/s never does), with a webhook receiver. */
  async function batchApp(webhook?: string): Promise<{ appId: string; appSecret: string }> {
    const args = ['bin/apps.ts', 'create', '--name', 'sdk-batch', '--limit', 'create=200'];
    if (webhook) args.push('--webhook', webhook);
    const { stdout } = await run(TSX, args, {
      cwd: ROOT,
      env: { ...process.env, DYNAMODB_PORT: String(dynamoDbPort), DYNAMODB_ENDPOINT: '', TABLE_NAME: '' },
    });
    return JSON.parse(stdout);
  }

  it('TypeScript: 60 inputs in two requests, per-item refusals, then each intent lives like a single create', async () => {
    const statuses: { id: string; status: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        statuses.push(JSON.parse(Buffer.concat(chunks).toString()).data);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const app = await batchApp(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`);
      const client = new ProcureClient({ ...target, ...app });
      // Fulfilment and webhooks of batch-created intents (a few: the local sandbox fulfils one intent at a time).
      const [first] = await client.intents.createMany([SEED_INPUT, SEED_INPUT]);
      if (!first?.ok) throw new Error('expected the first item created');
      const done = await client.intents.waitForCompletion(first.id, { timeout: 30_000, interval: 500 });
      expect(done.status).toBe('COMPLETED');
      expect((await client.intents.events(first.id)).map((e) => e.to)).toEqual([
        'SUBMITTED',
        'PROCESSING',
        'COMPLETED',
      ]);
      const deadline = Date.now() + 30_000;
      while (!statuses.some((s) => s.id === first.id && s.status === 'COMPLETED')) {
        if (Date.now() > deadline) throw new Error(`no COMPLETED webhook for ${first.id}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      // Many drafts (no fulfilment work): two requests, one result per input in input order.
      const inputs = Array.from({ length: 60 }, (_, i) => ({
        ...SEED_INPUT,
        userId: 'sdk_batch',
        status: 'DRAFT' as const,
        price: i === 55 ? 0 : 10 + i,
      }));
      const results = await client.intents.createMany(inputs);
      expect(results.map((r) => r.index)).toEqual(inputs.map((_, i) => i));
      expect(results.filter((r) => r.ok)).toHaveLength(59);
      expect(results[55]).toMatchObject({
        ok: false,
        code: 40001,
        errors: [expect.objectContaining({ field: 'price' })],
      });
      // Totals are eventually consistent (they follow the table's stream): poll, as a partner would.
      await expect
        .poll(async () => (await client.intents.list({ userId: 'sdk_batch' })).total, { timeout: 15_000 })
        .toBe(59);
      const atomic = await client.intents
        .createMany(
          [
            { ...SEED_INPUT, userId: 'sdk_atomic' },
            { ...SEED_INPUT, quantity: 0 },
          ],
          { atomic: true },
        )
        .catch((e) => e);
      expect(atomic).toMatchObject({ status: 400, code: 40001 });
      expect(atomic.data.errors[0].field).toBe('items[1].quantity');
      expect((await client.intents.list({ userId: 'sdk_atomic' })).total).toBe(0);
    } finally {
      receiver.close();
    }
  }, 120_000);

  it('Python: create_many in batches of 50, typed results, one key per batch', async () => {
    const app = await batchApp();
    const script = `
import json
import time
from procure_core import ProcureClient, BatchItemResult
client = ProcureClient(app_id=${JSON.stringify(app.appId)}, app_secret=${JSON.stringify(app.appSecret)}, base_url=${JSON.stringify(target.baseURL)})
fields = dict(user_id='sdk_batch_py', platform='JD', product_url='https://item.jd.com/100012043978.html', title='京东商品',
              price=10, quantity=1, recipient_name='张三', address='北京市朝阳区望京SOHO T1 1001', phone='13800138000',
              status='DRAFT')
inputs = [dict(fields, price=(0 if i == 3 else 10 + i)) for i in range(55)]
results = client.intents.create_many(inputs, idempotency_key='py-batch-1')
again = client.intents.create_many(inputs, idempotency_key='py-batch-1')
# Totals are eventually consistent (they follow the table's stream): poll, as a partner would.
deadline = time.time() + 15
total = client.intents.list(user_id='sdk_batch_py').total
while total < 54 and time.time() < deadline:
    time.sleep(0.2)
    total = client.intents.list(user_id='sdk_batch_py').total
print(json.dumps(dict(
    typed=all(isinstance(r, BatchItemResult) for r in results),
    indexes=[r.index for r in results] == list(range(55)),
    ok=sum(1 for r in results if r.ok),
    refused=[results[3].code, results[3].errors[0]['field']],
    first=results[0].intent.user_id,
    replayed=[r.id for r in again] == [r.id for r in results],
    total=total,
)))
`;
    expect(JSON.parse(await runPython('create_many', script))).toEqual({
      typed: true,
      indexes: true,
      ok: 54,
      refused: [40001, 'price'],
      first: 'sdk_batch_py',
      replayed: true,
      total: 54,
    });
  }, 90_000);
});
