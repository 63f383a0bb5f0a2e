// POST /api/v1/intents/batch against DynamoDB Local, through the real middleware chain: per-item validation like
// the single create, atomic batches, malformed batches, the Idempotency-Key over the whole batch, the create
// budget paid per intent, and intents that are stored exactly like single creates.
import { describe, expect, it } from 'vitest';
import { handler as batchHandler } from '../../functions/intents-batch';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as eventsHandler } from '../../functions/intents-events';
import { handler as listHandler } from '../../functions/intents-list';
import { claimBatch } from '../../shared/store/batch-claim';
import { bodyHash } from '../../shared/store/idempotency';
import { eventKey, idempotencyKey, intentKey } from '../../shared/store/keys/intent';
import { counterKey } from '../../shared/store/listing-keys';
import { createTestApp } from '../support/apps';
import { settleCounters } from '../support/counters';
import { rawTable, storedCount } from '../support/dynamo';
import { type Credentials, invoke, signedEvent } from '../support/events';
import { intentInput } from '../support/intents';

const HIGH_LIMITS = { limits: { create: 1000, query: 1000, update: 1000 } };

let lastStamp = Date.now();
const stamp = () => {
  lastStamp = Math.min(lastStamp - 1, Date.now());
  return String(lastStamp);
};

const post =
  (handler: typeof batchHandler, path: string) =>
  (c: Credentials, b: unknown, headers = {}) =>
    invoke(
      handler,
      signedEvent(c, {
        method: 'POST',
        path,
        body: typeof b === 'string' ? b : JSON.stringify(b),
        headers,
        timestamp: stamp(),
      }),
    );
const batch = post(batchHandler, '/api/v1/intents/batch');
const create = post(createHandler, '/api/v1/intents');
// Totals follow the table's stream (shared/counters): let the counters consumer catch up before reading them.
const list = async (c: Credentials, query = '') => {
  await settleCounters();
  return invoke(
    listHandler,
    signedEvent(c, { path: '/api/v1/intents', query: query || undefined, timestamp: stamp() }),
  );
};

const total = async (c: Credentials) => {
  await settleCounters();
  return await storedCount(counterKey(c.appId, {}, 'ALL'));
};
const items = (n: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({ ...intentInput, ...extra(i) }));

describe('POST /api/v1/intents/batch', () => {
  it('creates the valid items and answers each refused one as the single create would', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const badPrice = { ...intentInput, price: 0, title: '' };
    const { phone: _phone, ...noPhone } = intentInput;
    const res = await batch(app, { items: [intentInput, badPrice, noPhone, { ...intentInput, status: 'DRAFT' }] });
    expect(res.status).toBe(200);
    const [first, second, third, fourth] = res.body.data.items;
    expect(first).toMatchObject({ index: 0, code: 0, intent: { userId: 'user_001', status: 'SUBMITTED' } });
    expect(first.intent.id).toBe(first.id);
    expect(fourth).toMatchObject({ index: 3, code: 0, intent: { status: 'DRAFT' } });
    for (const [item, body] of [
      [second, badPrice],
      [third, noPhone],
    ] as const) {
      const single = await create(app, body);
      expect(item.code).toBe(single.body.code);
      expect(item.message).toBe(single.body.message);
      expect(item.errors).toEqual(single.body.data.errors);
    }
    expect(second.code).toBe(40001);
    expect(third.code).toBe(40002);
    expect(await total(app)).toBe(2);
  });

  it('stores each intent exactly as a single create does: item, history event, counters, listing', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const res = await batch(app, { items: items(3, (i) => ({ userId: `user_${i}` })) });
    const ids: string[] = res.body.data.items.map((i: { id: string }) => i.id);
    const single = (await create(app, { ...intentInput, userId: 'user_0' })).body.data.id;
    const stored = await rawTable().get(intentKey(ids[0]!));
    const reference = await rawTable().get(intentKey(single));
    expect(Object.keys(stored!).sort()).toEqual(Object.keys(reference!).sort());
    expect(stored).toMatchObject({ entity: 'intent', status: 'SUBMITTED', version: 1, totalAmountFen: 5997 });
    expect(await rawTable().get(eventKey(ids[1]!, 1))).toMatchObject({ entity: 'intent-event', to: 'SUBMITTED' });
    const events = await invoke(
      eventsHandler,
      signedEvent(app, {
        path: `/api/v1/intents/${ids[2]}/events`,
        pathParameters: { id: ids[2]! },
        timestamp: stamp(),
      }),
    );
    expect(events.body.data.items).toEqual([expect.objectContaining({ actor: 'app', to: 'SUBMITTED' })]);
    expect(await total(app)).toBe(4);
    expect(await storedCount(counterKey(app.appId, { userId: 'user_0' }, 'ALL'))).toBe(2);
    const listed = await list(app, 'userId=user_0');
    expect(listed.body.data.total).toBe(2);
    expect(listed.body.data.items.map((i: { id: string }) => i.id).sort()).toEqual([ids[0], single].sort());
  });

  it('writes 50 intents of 50 different users in one transaction, every counter exact', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const res = await batch(app, {
      items: items(50, (i) => ({ userId: `u${i}`, platform: 'JD', productUrl: `https://item.jd.com/${100 + i}.html` })),
    });
    expect(res.body.data.items.every((i: { code: number }) => i.code === 0)).toBe(true);
    expect(await total(app)).toBe(50);
    expect(await storedCount(counterKey(app.appId, { userId: 'u49', platform: 'JD' }, 'ALL'))).toBe(1);
    expect((await list(app, 'platform=JD&pageSize=100')).body.data.total).toBe(50);
  }, 60_000);
});

describe('atomic batches', () => {
  it('creates all of them', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const res = await batch(app, { atomic: true, items: items(25) });
    expect(res.status).toBe(200);
    expect(res.body.data.items).toHaveLength(25);
    expect(await total(app)).toBe(25);
  }, 60_000);

  it('creates all of 25 items of 25 users', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const res = await batch(app, { atomic: true, items: items(25, (i) => ({ userId: `a${i}` })) });
    expect(res.status).toBe(200);
    expect(await total(app)).toBe(25);
  }, 60_000);

  it('refuses the whole batch with 400, per-item errors and items[i].field paths; writes nothing', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const { phone: _phone, ...noPhone } = intentInput;
    const res = await batch(app, { atomic: true, items: [intentInput, { ...intentInput, price: -1 }, noPhone] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(40002);
    expect(res.body.data.errors).toEqual([
      expect.objectContaining({ field: 'items[1].price' }),
      expect.objectContaining({ field: 'items[2].phone' }),
    ]);
    expect(res.body.data.field).toBe('items[1].price');
    expect(res.body.data.items).toEqual([
      expect.objectContaining({ index: 1, code: 40001 }),
      expect.objectContaining({ index: 2, code: 40002 }),
    ]);
    expect(await total(app)).toBe(0);
    expect((await list(app)).body.data.total).toBe(0);
  });

  it('is 40001 when no item misses a field', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const res = await batch(app, { atomic: true, items: [intentInput, { ...intentInput, quantity: 0 }] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(40001);
    expect(res.body.data.errors).toEqual([expect.objectContaining({ field: 'items[1].quantity' })]);
  });
});

describe('malformed batches: 400/413 with a field path, nothing written', () => {
  const cases: [string, unknown, number, number, string][] = [
    ['an empty list', { items: [] }, 400, 40001, 'items'],
    ['more than 50 items', { items: items(51) }, 400, 40001, 'items'],
    ['atomic with more than 25', { atomic: true, items: items(26) }, 400, 40001, 'items'],
    ['a non-object item', { items: [intentInput, intentInput, 'x'] }, 400, 40001, 'items[2]'],
    ['an array item', { items: [[intentInput]] }, 400, 40001, 'items[0]'],
    ['items that is not a list', { items: intentInput }, 400, 40001, 'items'],
    ['no items', { atomic: false }, 400, 40002, 'items'],
    ['an unknown field', { items: [intentInput], appId: 'x' }, 400, 40001, 'appId'],
    ['atomic that is not a boolean', { items: [intentInput], atomic: 'yes' }, 400, 40001, 'atomic'],
  ];
  it.each(cases)('%s', async (_name, body, status, code, field) => {
    const app = await createTestApp(HIGH_LIMITS);
    const res = await batch(app, body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.data.field).toBe(field);
    expect(await total(app)).toBe(0);
  });

  it('a body that is not a JSON object is 40003', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    for (const body of ['[]', '{"items": [', 'null']) expect((await batch(app, body)).body.code).toBe(40003);
    expect(await total(app)).toBe(0);
  });

  it('a body over 1 MB is 413/40001', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const res = await batch(app, { items: [{ ...intentInput, remarks: 'x'.repeat(1024 * 1024) }] });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe(40001);
    expect(await total(app)).toBe(0);
  });
});

describe('Idempotency-Key over the whole batch', () => {
  const body = { items: [intentInput, { ...intentInput, price: 0 }, { ...intentInput, userId: 'user_002' }] };

  it('replays the same per-item answer for the same body and creates nothing; 409/40901 for another', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const key = `b1_${Date.now()}`;
    const first = await batch(app, body, { 'Idempotency-Key': key });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The answer is stored once every intent exists, so a retry replays it without writing.
    expect((await rawTable().get(idempotencyKey(app.appId, key)))?.response).toEqual({
      status: 200,
      data: first.body.data,
    });
    const again = await batch(app, body, { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
    expect(await total(app)).toBe(2);
    const other = await batch(app, { items: [intentInput] }, { 'Idempotency-Key': key });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe(40901);
    const single = await create(app, intentInput, { 'Idempotency-Key': key });
    expect(single.body.code).toBe(40901);
    expect(await total(app)).toBe(2);
  });

  it('creates each intent once for concurrent batches with the same key', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const key = `b2_${Date.now()}`;
    const many = { items: items(40, (i) => ({ userId: `c${i % 4}` })) };
    const answers = await Promise.all(Array.from({ length: 6 }, () => batch(app, many, { 'Idempotency-Key': key })));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    for (const a of answers) expect(a.body.data).toEqual(answers[0]!.body.data);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await total(app)).toBe(40);
  }, 60_000);

  it('a retry completes a plan its first request left unwritten, with the same ids', async () => {
    const app = await createTestApp(HIGH_LIMITS);
    const key = `b3_${Date.now()}`;
    const plan = {
      nowMs: Date.now() - 60_000,
      ids: ['intent_01JDQ3V9ZK8X2M4N6P7R8S9T0V', null, 'intent_01JDQ3V9ZK8X2M4N6P7R8S9T0W'],
    };
    // As a first request that crashed after claiming the key would leave it.
    await claimBatch({ appId: app.appId, key, bodyHash: bodyHash(body), nowMs: plan.nowMs }, plan);
    const res = await batch(app, body, { 'Idempotency-Key': key });
    expect(res.body.data.items.map((i: { id?: string }) => i.id ?? null)).toEqual(plan.ids);
    expect(res.body.data.items[0].intent.createdAt).toBe(new Date(plan.nowMs).toISOString());
    expect(await rawTable().get(intentKey(plan.ids[2]!))).toMatchObject({ userId: 'user_002' });
    expect(await total(app)).toBe(2);
    expect((await batch(app, body, { 'Idempotency-Key': key })).body.data).toEqual(res.body.data);
    expect(await total(app)).toBe(2);
  });
});

describe('rate limiting counts intents', () => {
  /** Starts at the beginning of a second, so a test's requests share one window. */
  const freshSecond = async () => {
    const left = 1000 - (Date.now() % 1000);
    await new Promise((resolve) => setTimeout(resolve, left + 5));
  };

  it('a batch pays one unit per item and is refused whole (429, Retry-After) when it does not fit', async () => {
    const app = await createTestApp({ limits: { create: 10 } });
    await freshSecond();
    const eight = await batch(app, { items: items(8) });
    expect(eight.status).toBe(200);
    expect(eight.headers['x-ratelimit-remaining']).toBe('2');
    const three = await batch(app, { items: items(3) });
    expect(three.status).toBe(429);
    expect(three.body.code).toBe(42901);
    expect(Number(three.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const two = await batch(app, { items: items(2) });
    expect(two.status).toBe(200);
    expect(two.headers['x-ratelimit-remaining']).toBe('0');
    expect(await total(app)).toBe(10);
  });

  it('a batch larger than the limit never fits', async () => {
    const app = await createTestApp({ limits: { create: 10 } });
    const res = await batch(app, { items: items(11) });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(await total(app)).toBe(0);
  });
});
