// Issue 17 item 16: an Idempotency-Key replayed after its intent was deleted. Decision (README "Idempotency"): the
// replay answers what the key's first request got, the original 201 with `Idempotent-Replayed: true`, as for any
// replay within 24 h; it never creates a second intent, and the intent's current state is what GET says (404).
import { describe, expect, it } from 'vitest';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as deleteHandler } from '../../functions/intents-delete';
import { handler as getHandler } from '../../functions/intents-get';
import { handler as listHandler } from '../../functions/intents-list';
import { counterKey } from '../../shared/store/listing-keys';
import { createTestApp } from '../support/apps';
import { settleCounters } from '../support/counters';
import { storedCount } from '../support/dynamo';
import { type Credentials, invoke, signedEvent } from '../support/events';
import { intentInput } from '../support/intents';

let lastStamp = Date.now();
const stamp = () => {
  lastStamp = Math.min(lastStamp - 1, Date.now());
  return String(lastStamp);
};

const create = (c: Credentials, body: unknown, key: string) =>
  invoke(
    createHandler,
    signedEvent(c, {
      method: 'POST',
      path: '/api/v1/intents',
      body: JSON.stringify(body),
      headers: { 'Idempotency-Key': key },
      timestamp: stamp(),
    }),
  );
const remove = (c: Credentials, id: string) =>
  invoke(
    deleteHandler,
    signedEvent(c, { method: 'DELETE', path: `/api/v1/intents/${id}`, pathParameters: { id }, timestamp: stamp() }),
  );
const get = (c: Credentials, id: string) =>
  invoke(getHandler, signedEvent(c, { path: `/api/v1/intents/${id}`, pathParameters: { id }, timestamp: stamp() }));
const list = (c: Credentials) =>
  invoke(listHandler, signedEvent(c, { path: '/api/v1/intents', query: 'pageSize=100', timestamp: stamp() }));

describe('Idempotency-Key after the intent was deleted', () => {
  it('replays the original 201 and creates nothing; GET says the intent is gone', async () => {
    const creds = await createTestApp({ limits: { create: 100, query: 100, update: 100 } });
    const body = { ...intentInput, status: 'DRAFT' };
    const key = 'order-2026-0001';
    const first = await create(creds, body, key);
    expect(first.status).toBe(201);
    const id = first.body.data.id;
    expect((await remove(creds, id)).status).toBe(200);

    const replay = await create(creds, body, key);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.data).toEqual(first.body.data);

    expect((await get(creds, id)).body.code).toBe(40401);
    // List totals follow the table's stream: let the counters consumer catch up first.
    await settleCounters();
    const listed = await list(creds);
    expect(listed.body.data.total).toBe(0);
    expect(listed.body.data.items).toEqual([]);
    // Zero: a create and its delete counted in one batch net to nothing and never write the counter (a missing
    // counter reads as 0); counted in two batches they leave it at 0.
    expect(await storedCount(counterKey(creds.appId, {}, 'ALL'))).toBe(0);

    // The key stays bound to its first body: another body is still 409 / 40901, not a fresh create.
    const other = await create(creds, { ...body, quantity: 7 }, key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe(40901);
    expect((await list(creds)).body.data.total).toBe(0);
  });
});
