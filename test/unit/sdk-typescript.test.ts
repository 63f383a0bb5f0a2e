// The TypeScript SDK against a signature-checking fake API: the seed documents' snippets, retries, errors, helpers.
import { createServer } from 'node:net';
import {
  ErrorCode,
  ProcureClient,
  ProcureConnectionError,
  ProcureError,
  ProcureTimeoutError,
  verifyWebhook,
} from '@procure-core/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sign } from '../../shared/auth/signature';
import { seedExample } from '../support/intents';
import { FakeApi } from './sdk-fake-api';

const api = new FakeApi();
let client: ProcureClient;

const seedInput = seedExample;

function clientWith(options: Partial<ConstructorParameters<typeof ProcureClient>[0]> = {}) {
  return new ProcureClient({
    appId: api.appId,
    appSecret: api.appSecret,
    baseURL: api.baseURL,
    retryBaseDelayMs: 5,
    ...options,
  });
}

beforeAll(async () => {
  await api.start();
});
afterAll(async () => {
  await api.stop();
});
beforeEach(() => {
  api.reset();
  client = clientWith();
});

describe('seed examples', () => {
  it('002: create returns the intent with its id, signed and with an idempotency key', async () => {
    const intent = await client.intents.create({ ...seedInput });
    expect(intent.id).toMatch(/^intent_/);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.status).toBe(201);
    expect(api.requests[0]?.headers['idempotency-key']).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual(seedInput);
  });

  it('004: get answers status, title and totalAmount', async () => {
    const { id } = await client.intents.create({ ...seedInput, price: 19.99, quantity: 3 });
    const intent = await client.intents.get(id);
    expect(intent.status).toBe('SUBMITTED');
    expect(intent.title).toBe(seedInput.title);
    expect(intent.totalAmount).toBe(59.97);
  });

  it('003: list answers both result.items and response.data.items / totalPages', async () => {
    for (let i = 0; i < 5; i++) await client.intents.create({ ...seedInput });
    const response = await client.intents.list({ page: 1, pageSize: 2 });
    expect(response.items).toHaveLength(2);
    expect(response.data.items).toBe(response.items);
    expect(response.data.totalPages).toBe(3);
    expect(response.data.total).toBe(5);
    expect(JSON.parse(JSON.stringify(response))).toEqual({
      items: response.items,
      total: 5,
      page: 1,
      pageSize: 2,
      totalPages: 3,
    });

    // The document's "loadAllIntents" loop, as written.
    const allIntents = [];
    let page = 1;
    let hasMore = true;
    while (hasMore) {
      const response = await client.intents.list({ page, pageSize: 2 });
      allIntents.push(...response.data.items);
      hasMore = page < response.data.totalPages;
      page++;
    }
    expect(allIntents.map((i) => i.id)).toEqual([...api.intents.keys()]);
  });

  it('003: filters, sorting and dates go on the query, signed exactly as sent', async () => {
    await client.intents.list({
      userId: 'user_001',
      status: 'SUBMITTED',
      platform: 'TAOBAO',
      sortBy: 'createdAt',
      order: 'desc',
    });
    await client.intents.list({
      startDate: new Date(2026, 1, 1).toISOString(),
      endDate: new Date(2026, 2, 0).toISOString(),
      userId: "o'brien (vip)*",
      filter: { title: { like: '苹果 [Pro]' }, status: { in: ['FAILED', 'CANCELLED'] }, platform: 'JD' },
      fields: ['id', 'status'],
    });
    expect(api.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(api.requests[0]?.url).toBe(
      '/api/v1/intents?userId=user_001&status=SUBMITTED&platform=TAOBAO&sortBy=createdAt&order=desc',
    );
    const query = new URLSearchParams(api.requests[1]?.url.split('?')[1]);
    expect(query.get('userId')).toBe("o'brien (vip)*");
    expect(query.get('filter[title][like]')).toBe('苹果 [Pro]');
    expect(query.get('filter[status][in]')).toBe('FAILED,CANCELLED');
    expect(query.get('filter[platform]')).toBe('JD');
    expect(query.get('fields')).toBe('id,status');
  });
});

describe('timestamps', () => {
  it('signs identical requests made in the same millisecond with distinct timestamps, so none looks replayed', async () => {
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    try {
      await Promise.all([client.intents.create({ ...seedInput }), client.intents.create({ ...seedInput })]);
    } finally {
      clock.mockRestore();
    }
    const [first, second] = api.requests;
    expect([first?.status, second?.status]).toEqual([201, 201]);
    expect(new Set(api.requests.map((r) => r.headers['x-signature'])).size).toBe(2);
    expect(Number(second?.headers['x-timestamp']) - Number(first?.headers['x-timestamp'])).toBe(1);
  });
});

describe('retries', () => {
  it('waits for Retry-After on 429 and re-signs the retry with a new timestamp', async () => {
    api.faults.push({ status: 429, code: 42901, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const list = await client.intents.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(list.total).toBe(0);
    const [first, second] = api.requests;
    expect([first?.status, second?.status]).toEqual([429, 200]);
    expect(second?.headers['x-timestamp']).not.toBe(first?.headers['x-timestamp']);
    expect(second?.headers['x-signature']).not.toBe(first?.headers['x-signature']);
  });

  it('retries a create after 503 with the same idempotency key, so only one intent exists', async () => {
    api.faults.push({ method: 'POST', status: 503, code: 50301 }, { method: 'POST', status: 502, code: 50001 });
    const intent = await client.intents.create({ ...seedInput });
    expect(api.requests.map((r) => r.status)).toEqual([503, 502, 201]);
    const keys = new Set(api.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...api.intents.keys()]).toEqual([intent.id]);
  });

  it('uses the caller’s idempotency key and surfaces a conflict as 40901', async () => {
    await client.intents.create({ ...seedInput }, { idempotencyKey: 'order-42' });
    const again = await client.intents.create({ ...seedInput }, { idempotencyKey: 'order-42' });
    expect(api.intents.size).toBe(1);
    expect(again.id).toBe([...api.intents.keys()][0]);
    const error = await client.intents
      .create({ ...seedInput, quantity: 2 }, { idempotencyKey: 'order-42' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ProcureError);
    expect(error.code).toBe(ErrorCode.IDEMPOTENCY_CONFLICT);
  });

  it('gives up after maxRetries with the last error, typed', async () => {
    for (let i = 0; i < 3; i++) api.faults.push({ status: 503, code: 50301 });
    const error = await clientWith({ maxRetries: 2 })
      .intents.get('intent_x')
      .catch((e) => e);
    expect(api.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(ProcureError);
    expect(error).toMatchObject({ code: 50301, status: 503 });
    expect(error.requestId).toMatch(/^req_\d+_fake3$/);
  });

  it('does not retry client errors', async () => {
    const error = await client.intents.get('intent_missing').catch((e) => e);
    expect(api.requests).toHaveLength(1);
    expect(error).toMatchObject({ name: 'ProcureError', code: 40401, status: 404, data: null });
    expect(error.message).toBe('error 40401');
  });
});

describe('errors', () => {
  it('signs a percent-encoded path decoded, as API Gateway hands it to the function', async () => {
    const error = await client.intents.get('intent 苹果/x').catch((e) => e);
    expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND, status: 404 });
    expect(api.requests[0]?.url).toBe('/api/v1/intents/intent%20%E8%8B%B9%E6%9E%9C%2Fx');
  });

  it('a wrong secret is refused as 40101', async () => {
    const error = await clientWith({ appSecret: 'wrong' })
      .intents.list()
      .catch((e) => e);
    expect(error).toMatchObject({ code: ErrorCode.BAD_SIGNATURE, status: 401 });
  });

  it('a refused connection is a ProcureConnectionError after the retries', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const error = await clientWith({ baseURL: `http://127.0.0.1:${port}`, maxRetries: 1 })
      .intents.list()
      .catch((e) => e);
    expect(error).toBeInstanceOf(ProcureConnectionError);
    expect(error.status).toBe(0);
  });

  it('an attempt that outlives timeout is a ProcureTimeoutError', async () => {
    const silent = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const error = await clientWith({ baseURL: `http://127.0.0.1:${port}`, timeout: 100, maxRetries: 0 })
        .intents.list()
        .catch((e) => e);
      expect(error).toBeInstanceOf(ProcureTimeoutError);
    } finally {
      silent.close();
    }
  });
});

describe('intent operations', () => {
  it('update, submit, cancel, events and delete', async () => {
    const draft = await client.intents.create({ ...seedInput, status: 'DRAFT' });
    expect((await client.intents.update(draft.id, { quantity: 2 })).quantity).toBe(2);
    expect((await client.intents.submit(draft.id)).status).toBe('SUBMITTED');
    const error = await client.intents.update(draft.id, { quantity: 3 }).catch((e) => e);
    expect(error).toMatchObject({ code: ErrorCode.STATUS_CONFLICT, status: 409 });
    expect((await client.intents.cancel(draft.id)).status).toBe('CANCELLED');
    expect(await client.intents.events(draft.id)).toEqual([{ actor: 'app', to: 'SUBMITTED', at: expect.any(String) }]);
    expect(await client.intents.delete(draft.id)).toEqual({ id: draft.id, deleted: true });
    const bodies = api.requests.filter((r) => r.method === 'PUT').map((r) => JSON.parse(r.body));
    expect(bodies).toEqual([{ quantity: 2 }, { status: 'SUBMITTED' }, { quantity: 3 }, { status: 'CANCELLED' }]);
  });

  it('iterate walks every page once, and listAll collects them', async () => {
    for (let i = 0; i < 5; i++) await client.intents.create({ ...seedInput });
    api.requests.length = 0;
    const seen: string[] = [];
    for await (const item of client.intents.iterate({ pageSize: 2 })) seen.push(item.id);
    expect(seen).toEqual([...api.intents.keys()]);
    expect(api.requests.map((r) => new URLSearchParams(r.url.split('?')[1]).get('page'))).toEqual([null, '2', '3']);
    expect((await client.intents.listAll({ pageSize: 100 })).map((i) => i.id)).toEqual(seen);
  });

  it('iterate follows nextCursor when the API gives one', async () => {
    for (let i = 0; i < 5; i++) await client.intents.create({ ...seedInput });
    api.cursors = true;
    api.requests.length = 0;
    const seen: string[] = [];
    for await (const item of client.intents.iterate({ pageSize: 2, status: 'SUBMITTED' })) seen.push(item.id);
    expect(seen).toEqual([...api.intents.keys()]);
    const queries = api.requests.map((r) => new URLSearchParams(r.url.split('?')[1]));
    expect(queries.map((q) => [q.get('page'), q.get('cursor') !== null, q.get('status')])).toEqual([
      [null, false, 'SUBMITTED'],
      [null, true, 'SUBMITTED'],
      [null, true, 'SUBMITTED'],
    ]);
  });

  it('waitForCompletion polls until a final status', async () => {
    const { id } = await client.intents.create({ ...seedInput });
    api.progressOnGet = ['PROCESSING', 'PROCESSING', 'COMPLETED'];
    const done = await client.intents.waitForCompletion(id, { timeout: 5_000, interval: 10 });
    expect(done.status).toBe('COMPLETED');
    expect(api.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });

  it('waitForCompletion rejects with ProcureTimeoutError when the intent stays open', async () => {
    const { id } = await client.intents.create({ ...seedInput });
    const error = await client.intents.waitForCompletion(id, { timeout: 60, interval: 10 }).catch((e) => e);
    expect(error).toBeInstanceOf(ProcureTimeoutError);
    expect(error.message).toContain('SUBMITTED');
  });
});

describe('verifyWebhook', () => {
  const secret = 'whsec_test';
  const path = '/hooks/procure?tenant=7';
  const body = JSON.stringify({
    eventId: 'evt_1',
    type: 'intent.status_changed',
    data: { id: 'intent_1', status: '完成' },
  });
  const timestamp = String(Date.now());
  const signature = sign(secret, 'POST', path, timestamp, body);

  it('accepts a delivery signed the way the platform signs it', () => {
    expect(verifyWebhook({ appSecret: secret, path, timestamp, body, signature })).toBe(true);
    expect(
      verifyWebhook({
        appSecret: secret,
        path,
        timestamp,
        body: Buffer.from(body),
        signature: signature.toUpperCase(),
      }),
    ).toBe(true);
    expect(verifyWebhook({ appSecret: ['rotated_new', secret], path, timestamp, body, signature })).toBe(true);
  });

  it('refuses tampering, another path or secret, stale timestamps and malformed signatures', () => {
    const ok = { appSecret: secret, path, timestamp, body, signature };
    expect(verifyWebhook({ ...ok, body: body.replace('intent_1', 'intent_2') })).toBe(false);
    expect(verifyWebhook({ ...ok, path: '/hooks/procure' })).toBe(false);
    expect(verifyWebhook({ ...ok, appSecret: 'other' })).toBe(false);
    expect(verifyWebhook({ ...ok, signature: 'abc' })).toBe(false);
    expect(verifyWebhook({ ...ok, now: Number(timestamp) + 300_001 })).toBe(false);
    expect(verifyWebhook({ ...ok, now: Number(timestamp) + 299_000 })).toBe(true);
    expect(verifyWebhook({ ...ok, now: Number(timestamp) + 10_000, toleranceMs: 5_000 })).toBe(false);
  });
});

describe('createMany', () => {
  it('sends batches of at most 50 and answers one typed result per input, in input order', async () => {
    const inputs = Array.from({ length: 120 }, (_, i) => ({ ...seedInput, price: i === 77 ? 0 : 10 + i }));
    const results = await client.intents.createMany(inputs);
    const batches = api.requests.map((r) => JSON.parse(r.body).items as unknown[]);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(api.requests.every((r) => r.url === '/api/v1/intents/batch')).toBe(true);
    expect(new Set(api.requests.map((r) => r.headers['idempotency-key'])).size).toBe(3);
    expect(results.map((r) => r.index)).toEqual(inputs.map((_, i) => i));
    const refused = results[77]!;
    expect(refused).toMatchObject({ ok: false, code: 40001, errors: [{ field: 'price' }] });
    const created = results[78]!;
    if (!created.ok) throw new Error('expected a created intent');
    expect(created.intent.id).toBe(created.id);
    expect(api.intents.size).toBe(119);
  });

  it('retries a batch with its key, so nothing is created twice; several batches derive one key each', async () => {
    api.faults.push({ method: 'POST', status: 503, code: 50301 });
    const first = await client.intents.createMany([seedInput, seedInput], { idempotencyKey: 'cart-7' });
    expect(api.requests.map((r) => [r.status, r.headers['idempotency-key']])).toEqual([
      [503, 'cart-7'],
      [200, 'cart-7'],
    ]);
    const again = await client.intents.createMany([seedInput, seedInput], { idempotencyKey: 'cart-7' });
    expect(again.map((r) => r.ok && r.id)).toEqual(first.map((r) => r.ok && r.id));
    expect(api.intents.size).toBe(2);
    api.requests.length = 0;
    await client.intents.createMany([seedInput, seedInput, seedInput], { batchSize: 2, idempotencyKey: 'cart-8' });
    expect(api.requests.map((r) => r.headers['idempotency-key'])).toEqual(['cart-8_0', 'cart-8_1']);
  });

  it('atomic sends one request of at most 25; bad sizes are refused before any request', async () => {
    await client.intents.createMany(Array(25).fill(seedInput), { atomic: true });
    expect(JSON.parse(api.requests[0]!.body).atomic).toBe(true);
    await expect(client.intents.createMany(Array(26).fill(seedInput), { atomic: true })).rejects.toThrow(RangeError);
    await expect(client.intents.createMany([seedInput], { batchSize: 51 })).rejects.toThrow(RangeError);
    expect(api.requests).toHaveLength(1);
  });
});
