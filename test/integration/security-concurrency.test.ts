// Concurrency invariants against DynamoDB Local through the real chain and store: a partner's cancel racing the
// fulfilment step that records the order, parallel edits of one draft, parallel idempotent creates, and an
// attack on another app's intent — then every counter of the app is compared with a recount of its intents.
import { describe, expect, it } from 'vitest';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as deleteHandler } from '../../functions/intents-delete';
import { handler as eventsHandler } from '../../functions/intents-events';
import { handler as getHandler } from '../../functions/intents-get';
import { handler as updateHandler } from '../../functions/intents-update';
import type { Intent } from '../../shared/domain/intent';
import { complete, startProcessing } from '../../shared/domain/lifecycle';
import { parseListQuery } from '../../shared/schemas/list-query';
import { getIntent, listEvents, transition } from '../../shared/store/intents';
import { listIntents } from '../../shared/store/listing';
import { createTestApp } from '../support/apps';
import { settleCounters } from '../support/counters';
import { type Credentials, invoke, signedEvent } from '../support/events';

const body = {
  userId: 'user_race',
  platform: 'TAOBAO',
  productUrl: 'https://item.taobao.com/item.htm?id=555',
  title: '并发测试',
  price: 3.5,
  quantity: 2,
  recipientName: '赵六',
  address: '成都市武侯区天府大道 88 号',
  phone: '13600136000',
};

let stamp = Date.now();
const ts = () => String(--stamp);

const create = (creds: Credentials, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  invoke(
    createHandler,
    signedEvent(creds, {
      method: 'POST',
      path: '/api/v1/intents',
      body: JSON.stringify({ ...body, ...extra }),
      headers,
      timestamp: ts(),
    }),
  );
const put = (creds: Credentials, id: string, change: unknown) =>
  invoke(
    updateHandler,
    signedEvent(creds, {
      method: 'PUT',
      path: `/api/v1/intents/${id}`,
      pathParameters: { id },
      body: JSON.stringify(change),
      timestamp: ts(),
    }),
  );

/** Every status count the list route reports equals a recount of the intents it lists. */
async function expectCountersMatchRecount(appId: string) {
  await settleCounters();
  const all = await listIntents(appId, parseListQuery('pageSize=100'));
  const items = all.items as unknown as Intent[];
  expect(all.total).toBe(items.length);
  for (const status of ['DRAFT', 'SUBMITTED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED']) {
    const listed = await listIntents(appId, parseListQuery(`status=${status}&pageSize=100`));
    expect([status, listed.total]).toEqual([status, items.filter((i) => i.status === status).length]);
  }
}

describe('concurrency invariants', () => {
  it('a cancel racing the fulfilment step ends cancelled or completed, never both', async () => {
    const creds = await createTestApp({ limits: { create: 100, update: 100, query: 100 } });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await create(creds, { status: 'SUBMITTED' });
      expect(res.status).toBe(201);
      ids.push(res.body.data.intentId ?? res.body.data.id);
    }
    for (const id of ids)
      await transition({ id, change: (i) => startProcessing(i, new Date().toISOString()), actor: 'system' });

    const outcomes = await Promise.all(
      ids.map(async (id) => {
        const [cancelled, completed] = await Promise.allSettled([
          put(creds, id, { status: 'CANCELLED' }),
          transition({
            id,
            change: (i) => complete(i, { orderId: `order_${id}` }, new Date().toISOString()),
            actor: 'system',
          }),
        ]);
        return { id, cancelled, completed };
      }),
    );

    for (const { id, cancelled, completed } of outcomes) {
      const final = (await getIntent(id)) as Intent & { orderId?: string };
      const history = (await listEvents(id)).map((e) => e.to);
      expect(history.includes('CANCELLED') && history.includes('COMPLETED')).toBe(false);
      expect(cancelled.status).toBe('fulfilled');
      const cancelAnswer = cancelled.status === 'fulfilled' ? cancelled.value : undefined;
      expect(cancelAnswer?.status).toBeLessThan(500);
      if (final.status === 'CANCELLED') {
        expect(cancelAnswer?.status).toBe(200);
        expect(completed.status).toBe('rejected');
        expect(final.orderId).toBeUndefined();
      } else {
        expect(final.status).toBe('COMPLETED');
        expect(final.orderId).toBe(`order_${id}`);
        expect([cancelAnswer?.status, cancelAnswer?.body.code]).toEqual([409, 40902]);
      }
    }
    await expectCountersMatchRecount(creds.appId);
  }, 90_000);

  it('parallel edits of one draft: each lands whole or answers 409, and the version counts the winners', async () => {
    const creds = await createTestApp({ limits: { create: 100, update: 100, query: 100 } });
    const created = await create(creds, { status: 'DRAFT' });
    const id = created.body.data.intentId ?? created.body.data.id;
    const titles = Array.from({ length: 6 }, (_, i) => `标题 ${i}`);
    const answers = await Promise.all(titles.map((title, i) => put(creds, id, { title, quantity: i + 1 })));
    for (const a of answers) expect([200, 409, 503]).toContain(a.status);
    const winners = answers.map((a, i) => (a.status === 200 ? i : -1)).filter((i) => i >= 0);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    const final = (await getIntent(id)) as Intent;
    expect(final.version).toBe(1 + winners.length);
    // Title and quantity always come from the same request: no torn write.
    const from = titles.indexOf(final.title);
    expect(winners).toContain(from);
    expect(final.quantity).toBe(from + 1);
    await expectCountersMatchRecount(creds.appId);
  }, 60_000);

  it('parallel creates with one Idempotency-Key make one intent and answer it to every caller', async () => {
    const creds = await createTestApp({ limits: { create: 100, update: 100, query: 100 } });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => create(creds, {}, { 'idempotency-key': 'race-key-1' })),
    );
    for (const a of answers) expect(a.status).toBe(201);
    const ids = new Set(answers.map((a) => a.body.data.intentId ?? a.body.data.id));
    expect(ids.size).toBe(1);
    await settleCounters();
    const listed = await listIntents(creds.appId, parseListQuery('pageSize=100'));
    expect(listed.total).toBe(1);
    await expectCountersMatchRecount(creds.appId);
  });

  it("another app's intent: every route answers 403/40302 and the intent is unchanged", async () => {
    const owner = await createTestApp();
    const attacker = await createTestApp({ limits: { update: 100, query: 100 } });
    const created = await create(owner, { status: 'DRAFT' });
    const id = created.body.data.intentId ?? created.body.data.id;
    const before = await getIntent(id);
    const path = `/api/v1/intents/${id}`;
    const answers = await Promise.all([
      invoke(getHandler, signedEvent(attacker, { path, pathParameters: { id }, timestamp: ts() })),
      put(attacker, id, { title: '被篡改' }),
      put(attacker, id, { status: 'SUBMITTED' }),
      invoke(deleteHandler, signedEvent(attacker, { method: 'DELETE', path, pathParameters: { id }, timestamp: ts() })),
      invoke(eventsHandler, signedEvent(attacker, { path: `${path}/events`, pathParameters: { id }, timestamp: ts() })),
    ]);
    for (const a of answers) expect([a.status, a.body.code]).toEqual([403, 40302]);
    expect(await getIntent(id)).toEqual(before);
    await settleCounters();
    expect((await listIntents(attacker.appId, parseListQuery(''))).total).toBe(0);
  });
});
