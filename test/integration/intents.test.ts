// Every intent route against DynamoDB Local, through the real middleware chain (signature, rate limit, store).
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as deleteHandler } from '../../functions/intents-delete';
import { handler as eventsHandler } from '../../functions/intents-events';
import { handler as getHandler } from '../../functions/intents-get';
import { handler as updateHandler } from '../../functions/intents-update';
import { StatusConflictError } from '../../shared/domain/errors';
import { complete, fail, startProcessing } from '../../shared/domain/lifecycle';
import { getIntent, transition } from '../../shared/store/intents';
import { deletionAuditKey, intentKey } from '../../shared/store/keys/intent';
import { counterKey } from '../../shared/store/listing-keys';
import { createTestApp } from '../support/apps';
import { settleCounters } from '../support/counters';
import { rawTable, storedCount } from '../support/dynamo';
import { type Credentials, invoke, signedEvent } from '../support/events';
import { intentInput } from '../support/intents';

const body = { ...intentInput, remarks: '请在工作日送达' };

const HIGH_LIMITS = { limits: { create: 1000, query: 1000, update: 1000 } };
// Identical requests signed in the same millisecond carry the same signature (a replay): give each its own
// timestamp, strictly decreasing, so concurrent requests never collide.
let lastStamp = Date.now();
const stamp = () => {
  lastStamp = Math.min(lastStamp - 1, Date.now());
  return String(lastStamp);
};

const api = {
  create: (c: Credentials, b: unknown, headers: Record<string, string> = {}) =>
    invoke(
      createHandler,
      signedEvent(c, {
        method: 'POST',
        path: '/api/v1/intents',
        body: typeof b === 'string' ? b : JSON.stringify(b),
        headers,
        timestamp: stamp(),
      }),
    ),
  get: (c: Credentials, id: string) =>
    invoke(getHandler, signedEvent(c, { path: `/api/v1/intents/${id}`, pathParameters: { id }, timestamp: stamp() })),
  update: (c: Credentials, id: string, b: unknown) =>
    invoke(
      updateHandler,
      signedEvent(c, {
        method: 'PUT',
        path: `/api/v1/intents/${id}`,
        pathParameters: { id },
        body: typeof b === 'string' ? b : JSON.stringify(b),
        timestamp: stamp(),
      }),
    ),
  remove: (c: Credentials, id: string) =>
    invoke(
      deleteHandler,
      signedEvent(c, { method: 'DELETE', path: `/api/v1/intents/${id}`, pathParameters: { id }, timestamp: stamp() }),
    ),
  events: (c: Credentials, id: string) =>
    invoke(
      eventsHandler,
      signedEvent(c, { path: `/api/v1/intents/${id}/events`, pathParameters: { id }, timestamp: stamp() }),
    ),
};

let app: Credentials;
let other: Credentials;

beforeAll(async () => {
  app = await createTestApp(HIGH_LIMITS);
  other = await createTestApp(HIGH_LIMITS);
});

async function newIntentId(extra: Record<string, unknown> = {}, creds = app): Promise<string> {
  const res = await api.create(creds, { ...body, ...extra });
  expect(res.status).toBe(201);
  return res.body.data.id;
}

/** An intent the system took through PROCESSING to FAILED, as fulfilment would. */
async function failedIntentId(failure: { failureCode: string; failureReason: string }): Promise<string> {
  const id = await newIntentId();
  await transition({ id, change: (i) => startProcessing(i, now()), actor: 'system' });
  await transition({ id, change: (i) => fail(i, failure, now()), actor: 'system' });
  return id;
}

const UNKNOWN_ID = 'intent_01HZY2K3M4N5P6Q7R8S9T0V1W2';
const now = () => new Date().toISOString();

describe('POST /api/v1/intents', () => {
  it('creates a SUBMITTED intent by default and answers 201 with the six documented fields', async () => {
    const res = await api.create(app, body);
    expect(res.status).toBe(201);
    expect(res.body.code).toBe(0);
    expect(res.body.message).toBe('操作成功');
    expect(Object.keys(res.body.data).sort()).toEqual(['createdAt', 'id', 'platform', 'status', 'updatedAt', 'userId']);
    expect(res.body.data).toMatchObject({ userId: 'user_001', platform: 'TAOBAO', status: 'SUBMITTED' });
    expect(res.body.data.id).toMatch(/^intent_[0-9A-Z]{26}$/);
    expect(res.body.data.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('creates a DRAFT when asked', async () => {
    const res = await api.create(app, { ...body, status: 'DRAFT' });
    expect(res.body.data.status).toBe('DRAFT');
  });

  it('refuses broken fields with 400/40001 listing every one', async () => {
    const res = await api.create(app, { ...body, price: 0, phone: '12345', title: '' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(40001);
    expect(res.body.data.errors.map((e: { field: string }) => e.field).sort()).toEqual(['phone', 'price', 'title']);
    expect(res.body.data.field).toBe(res.body.data.errors[0].field);
    expect(res.body.data.reason).toBe(res.body.data.errors[0].message);
  });

  it('refuses server-owned fields with 40001', async () => {
    const res = await api.create(app, { ...body, totalAmount: 1, appId: other.appId });
    expect(res.body.code).toBe(40001);
  });

  it('gives 400/40002 for missing fields, over 40001', async () => {
    const { phone: _phone, ...rest } = body;
    const res = await api.create(app, { ...rest, price: -1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(40002);
    expect(res.body.data.field).toBe('phone');
  });

  it('gives 400/40003 for malformed JSON and for a body that is not an object', async () => {
    for (const raw of ['{"userId":', '[1,2]', 'null', '"text"']) {
      const res = await api.create(app, raw);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(40003);
    }
  });

  it('gives 413/40001 for a body over 1 MB', async () => {
    const res = await api.create(app, { ...body, remarks: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe(40001);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same app, key and body', async () => {
    const key = `k_${Date.now()}`;
    const first = await api.create(app, body, { 'Idempotency-Key': key });
    // Same JSON, other key order: still the same body.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await api.create(app, reordered, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.data).toEqual(first.body.data);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses the same key with another body with 409/40901', async () => {
    const key = `k2_${Date.now()}`;
    await api.create(app, body, { 'Idempotency-Key': key });
    const res = await api.create(app, { ...body, quantity: 4 }, { 'Idempotency-Key': key });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe(40901);
  });

  it('keeps apps apart: the same key in another app creates another intent', async () => {
    const key = `k3_${Date.now()}`;
    const a = await api.create(app, body, { 'Idempotency-Key': key });
    const b = await api.create(other, body, { 'Idempotency-Key': key });
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.data.id).not.toBe(a.body.data.id);
  });

  it('refuses a malformed key with 40001', async () => {
    for (const key of ['has space', 'k'.repeat(65), 'ключ']) {
      const res = await api.create(app, body, { 'Idempotency-Key': key });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(40001);
    }
  });

  it('creates exactly one intent for concurrent duplicates', async () => {
    const creds = await createTestApp(HIGH_LIMITS);
    const key = `k4_${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.create(creds, body, { 'Idempotency-Key': key })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    await settleCounters();
    expect(await storedCount(counterKey(creds.appId, {}, 'ALL'))).toBe(1);
  }, 60_000);
});

describe('concurrent creates', () => {
  it('creates all of 10 concurrent intents of one app (no item shared by them on the request path)', async () => {
    const creds = await createTestApp(HIGH_LIMITS);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, n) => api.create(creds, { ...body, userId: `user_${n % 3}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    await settleCounters();
    expect(await storedCount(counterKey(creds.appId, {}, 'ALL'))).toBe(10);
  }, 60_000);
});

describe('GET /api/v1/intents/{id}', () => {
  it('answers the full intent: yuan, exact total, masked phone, no nulls', async () => {
    const id = await newIntentId();
    const res = await api.get(app, id);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      ...body,
      id,
      phone: '138****8000',
      price: 19.99,
      totalAmount: 59.97,
      status: 'SUBMITTED',
      statusMessage: expect.any(String),
    });
    expect(res.body.data.submittedAt).toBe(res.body.data.createdAt);
    expect(JSON.stringify(res.body)).not.toContain('13800138000');
    expect(Object.values(res.body.data)).not.toContain(null);
    expect(res.body.data).not.toHaveProperty('appId');
    expect(res.body.data).not.toHaveProperty('version');
  });

  it('gives 404/40401 for an unknown id and for ids that cannot be intent ids', async () => {
    for (const id of [UNKNOWN_ID, 'intent_67890', 'nope', '%2E%2E']) {
      const res = await api.get(app, id);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(40401);
    }
  });

  it("gives 403/40302 for another app's intent", async () => {
    const id = await newIntentId();
    const res = await api.get(other, id);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 40302, message: '无权访问该资源', data: null });
  });

  it('shows the outcome fields once fulfilment completes', async () => {
    const id = await newIntentId();
    await transition({ id, change: (i) => startProcessing(i, now()), actor: 'system' });
    await transition({
      id,
      change: (i) => complete(i, { orderId: 'TB1', trackingNumber: 'SF1', trackingCompany: '顺丰速运' }, now()),
      actor: 'system',
    });
    const res = await api.get(app, id);
    expect(res.body.data).toMatchObject({ status: 'COMPLETED', orderId: 'TB1', trackingCompany: '顺丰速运' });
    expect(res.body.data.completedAt).toBeDefined();
  });
});

describe('PUT /api/v1/intents/{id}', () => {
  it('edits a draft and answers the full intent with the new total', async () => {
    const id = await newIntentId({ status: 'DRAFT' });
    const res = await api.update(app, id, { price: 0.1, quantity: 3, title: '新标题' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id, status: 'DRAFT', price: 0.1, totalAmount: 0.3, title: '新标题' });
    expect(res.body.data.phone).toBe('138****8000');
  });

  it('submits a draft, then cancels it', async () => {
    const id = await newIntentId({ status: 'DRAFT' });
    const submitted = await api.update(app, id, { status: 'SUBMITTED' });
    expect(submitted.body.data).toMatchObject({ status: 'SUBMITTED', submittedAt: expect.any(String) });
    const cancelled = await api.update(app, id, { status: 'CANCELLED' });
    expect(cancelled.body.data).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String) });
  });

  it('cancels a PROCESSING intent', async () => {
    const id = await newIntentId();
    await transition({ id, change: (i) => startProcessing(i, now()), actor: 'system' });
    const res = await api.update(app, id, { status: 'CANCELLED' });
    expect(res.body.data.status).toBe('CANCELLED');
  });

  it('gives 409/40902 for what the status does not allow', async () => {
    const submitted = await newIntentId();
    const draft = await newIntentId({ status: 'DRAFT' });
    const failed = await failedIntentId({ failureCode: 'OUT_OF_STOCK', failureReason: '库存不足' });
    for (const [id, change] of [
      [submitted, { title: '改' }],
      [submitted, { status: 'SUBMITTED' }],
      [draft, { status: 'CANCELLED' }],
      [failed, { status: 'CANCELLED' }],
      [failed, { title: '改' }],
    ] as const) {
      const res = await api.update(app, id, change);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(40902);
    }
    expect((await getIntent(submitted))?.title).toBe(body.title);
  });

  it('gives 400/40001 for a status other than SUBMITTED or CANCELLED, and for unknown fields', async () => {
    const id = await newIntentId({ status: 'DRAFT' });
    for (const change of [{ status: 'PROCESSING' }, { status: 'COMPLETED' }, { status: 'DRAFT' }, { orderId: 'x' }]) {
      const res = await api.update(app, id, change);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(40001);
    }
  });

  it('gives 40003 for malformed JSON, 404 for unknown ids and 403 for another app', async () => {
    const id = await newIntentId({ status: 'DRAFT' });
    expect((await api.update(app, id, '{oops')).body.code).toBe(40003);
    expect((await api.update(app, UNKNOWN_ID, { title: 'x' })).body.code).toBe(40401);
    expect((await api.update(app, 'bad id', { title: 'x' })).body.code).toBe(40401);
    const foreign = await api.update(other, id, { title: 'x' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe(40302);
  });

  it('lets exactly one of 20 concurrent cancels win', async () => {
    const id = await newIntentId();
    const answers = await Promise.all(Array.from({ length: 20 }, () => api.update(app, id, { status: 'CANCELLED' })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const events = await api.events(app, id);
    expect(events.body.data.items.map((e: { to: string }) => e.to)).toEqual(['SUBMITTED', 'CANCELLED']);
  }, 60_000);
});

describe('transition (store)', () => {
  it('lets exactly one of 20 concurrent transitions on the same version win', async () => {
    const id = await newIntentId();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        transition({ id, expectedVersion: 1, change: (i) => startProcessing(i, now()), actor: 'system' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const losers = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(losers.every((r) => r.reason instanceof StatusConflictError)).toBe(true);
    expect((await getIntent(id))?.version).toBe(2);
  }, 60_000);

  it('keeps every edit of 20 concurrent draft writers (no lost update)', async () => {
    const id = await newIntentId({ status: 'DRAFT' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => api.update(app, id, { remarks: `writer ${n}` })),
    );
    const winners = answers.filter((a) => a.status === 200);
    expect(answers.every((a) => a.status === 200 || a.body.code === 40902)).toBe(true);
    const final = await getIntent(id);
    // Each winner moved the version by exactly one: no write overwrote another unseen.
    expect(final?.version).toBe(1 + winners.length);
  }, 60_000);
});

describe('DELETE /api/v1/intents/{id}', () => {
  it('deletes a draft: it leaves reads and counts, and an audit record remains', async () => {
    const creds = await createTestApp(HIGH_LIMITS);
    const id = await newIntentId({ status: 'DRAFT' }, creds);
    const counter = counterKey(creds.appId, {}, 'ALL');
    await settleCounters();
    expect(await storedCount(counter)).toBe(1);
    const res = await api.remove(creds, id);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id, deleted: true });
    expect((await api.get(creds, id)).body.code).toBe(40401);
    expect(await rawTable().get(intentKey(id))).toBeUndefined();
    await settleCounters();
    expect(await storedCount(counter)).toBe(0);
    const audit = await rawTable().get(deletionAuditKey(id));
    expect(audit).toMatchObject({ action: 'DELETE', intentId: id, appId: creds.appId, status: 'DRAFT' });
    expect(JSON.stringify(audit)).not.toContain('13800138000');
    expect((await api.remove(creds, id)).body.code).toBe(40401);
  });

  it('deletes CANCELLED and FAILED intents', async () => {
    const cancelled = await newIntentId();
    await api.update(app, cancelled, { status: 'CANCELLED' });
    expect((await api.remove(app, cancelled)).status).toBe(200);
    const failed = await failedIntentId({ failureCode: 'X', failureReason: '失败' });
    expect((await api.remove(app, failed)).status).toBe(200);
  });

  it('gives 409/40902 for SUBMITTED, PROCESSING and COMPLETED intents', async () => {
    const id = await newIntentId();
    expect((await api.remove(app, id)).body.code).toBe(40902);
    await transition({ id, change: (i) => startProcessing(i, now()), actor: 'system' });
    expect((await api.remove(app, id)).body.code).toBe(40902);
    await transition({ id, change: (i) => complete(i, { orderId: 'TB2' }, now()), actor: 'system' });
    const res = await api.remove(app, id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe(40902);
    expect(await getIntent(id)).not.toBeNull();
  });

  it("gives 403/40302 for another app's intent and 404/40401 for unknown ids", async () => {
    const id = await newIntentId({ status: 'DRAFT' });
    expect((await api.remove(other, id)).body.code).toBe(40302);
    expect((await api.remove(app, UNKNOWN_ID)).status).toBe(404);
    expect(await getIntent(id)).not.toBeNull();
  });
});

describe('GET /api/v1/intents/{id}/events', () => {
  it('lists the status history oldest first with actor, from, to and at', async () => {
    const id = await newIntentId({ status: 'DRAFT' });
    await api.update(app, id, { title: '只是编辑' });
    await api.update(app, id, { status: 'SUBMITTED' });
    await transition({ id, change: (i) => startProcessing(i, now()), actor: 'system' });
    const res = await api.events(app, id);
    expect(res.status).toBe(200);
    const items = res.body.data.items;
    expect(items.map((e: Record<string, string>) => [e.actor, e.from, e.to])).toEqual([
      ['app', undefined, 'DRAFT'],
      ['app', 'DRAFT', 'SUBMITTED'],
      ['system', 'SUBMITTED', 'PROCESSING'],
    ]);
    const times = items.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('gives 404 and 403 like the detail route', async () => {
    expect((await api.events(app, UNKNOWN_ID)).body.code).toBe(40401);
    expect((await api.events(app, 'x')).body.code).toBe(40401);
    const id = await newIntentId();
    expect((await api.events(other, id)).body.code).toBe(40302);
  });
});

describe('authentication on every intent route', () => {
  const routes = [
    ['POST', '/api/v1/intents', createHandler],
    ['GET', `/api/v1/intents/${UNKNOWN_ID}`, getHandler],
    ['PUT', `/api/v1/intents/${UNKNOWN_ID}`, updateHandler],
    ['DELETE', `/api/v1/intents/${UNKNOWN_ID}`, deleteHandler],
    ['GET', `/api/v1/intents/${UNKNOWN_ID}/events`, eventsHandler],
  ] as const;

  for (const [method, path, handler] of routes)
    it(`${method} ${path.replace(UNKNOWN_ID, '{id}')}: 40102, 40103, 40101, 40301 and 42901`, async () => {
      const b = method === 'POST' || method === 'PUT' ? JSON.stringify(body) : undefined;
      const pathParameters = { id: UNKNOWN_ID };
      const send = (c: Credentials, extra: Record<string, unknown> = {}) =>
        invoke(handler, signedEvent(c, { method, path, body: b, pathParameters, timestamp: stamp(), ...extra }));
      expect((await send(app, { timestamp: String(Date.now() - 600_000) })).body.code).toBe(40102);
      expect((await send({ appId: 'app_nobody', appSecret: 'x' })).body.code).toBe(40103);
      expect((await send({ ...app, appSecret: 'wrong' })).body.code).toBe(40101);
      const fenced = await createTestApp({ ...HIGH_LIMITS, ipWhitelist: ['10.0.0.0/8'] });
      const outside = await send(fenced, { sourceIp: '192.0.2.1' });
      expect(outside.status).toBe(403);
      expect(outside.body.code).toBe(40301);
      const limited = await createTestApp({ limits: { create: 1, query: 1, update: 1 } });
      const answers = await Promise.all([send(limited), send(limited), send(limited)]);
      expect(answers.map((a) => a.body.code)).toContain(42901);
    });
});
