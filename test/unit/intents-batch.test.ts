// The batch create on a mocked DocumentClient and as pure functions: how intents are grouped into transactions,
// how a batch pays its rate units, and what a failed write answers per item (non-atomic) or whole (atomic).
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as batchHandler } from '../../functions/intents-batch';
import { newIntent } from '../../shared/domain/changes';
import type { Intent } from '../../shared/domain/intent';
import { newIntentId } from '../../shared/domain/intent-id';
import { takeTokens } from '../../shared/ratelimit/counter';
import { requestUnits } from '../../shared/ratelimit/units';
import { routeFor } from '../../shared/routes';
import { parseBatch } from '../../shared/schemas/batch';
import { createChunks, MAX_TRANSACTION_ITEMS } from '../../shared/store/batch';
import { createWrites } from '../../shared/store/intents';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../support/apps';
import { invoke, signedEvent } from '../support/events';
import { intentInput } from '../support/intents';

const ddb = mockClient(DynamoDBDocumentClient);
beforeEach(() => ddb.reset());

const NOW = '2026-02-25T10:30:00.000Z';
const intents = (n: number, userId: (i: number) => string = () => 'user_001'): Intent[] =>
  Array.from({ length: n }, (_, i) =>
    newIntent({ ...intentInput, userId: userId(i) }, { id: newIntentId(Date.parse(NOW)), appId: 'app_1' }, NOW),
  );

describe('rate units', () => {
  const batchRoute = routeFor('intents-batch');

  it('a batch pays one unit per item; anything else, or a malformed batch, pays one', () => {
    expect(requestUnits(batchRoute, JSON.stringify({ items: [{}, {}, {}] }))).toBe(3);
    expect(requestUnits(routeFor('intents-create'), JSON.stringify({ items: [{}, {}] }))).toBe(1);
    for (const body of [
      '',
      '{',
      'null',
      '{"items": []}',
      '{"items": {}}',
      JSON.stringify({ items: Array(51).fill({}) }),
    ])
      expect(requestUnits(batchRoute, body)).toBe(1);
  });

  it('takes all units in one conditional ADD that leaves room for them', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { requests: 8 } });
    const decision = await takeTokens('app_1', 'create', 10, 8, 1_700_000_000_250);
    expect(decision).toMatchObject({ allowed: true, remaining: 2 });
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.ExpressionAttributeValues).toMatchObject({ ':units': 8, ':limit': 3 });
    expect(input.ConditionExpression).toBe('attribute_not_exists(#count) OR #count < :limit');
  });

  it('refuses more units than the limit without a call', async () => {
    expect(await takeTokens('app_1', 'create', 10, 11)).toMatchObject({ allowed: false, remaining: 0 });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

describe('the batch envelope', () => {
  it('lists every problem with its path', () => {
    expect(() => parseBatch({ items: [{}, 1, null], extra: true })).toThrow(
      expect.objectContaining({
        code: 40001,
        data: expect.objectContaining({
          errors: [
            { field: 'extra', message: '不支持的字段' },
            { field: 'items[1]', message: '每一项必须是 JSON 对象' },
            { field: 'items[2]', message: '每一项必须是 JSON 对象' },
          ],
        }),
      }),
    );
    expect(parseBatch({ items: [{}], atomic: true })).toEqual({ items: [{}], atomic: true });
  });
});

describe('writes of several creates', () => {
  it.each([
    ['one user', (_: number) => 'user_001'],
    ['fifty users', (i: number) => `u${i}`],
  ])('groups 50 intents of %s into the fewest transactions of at most 100 items, in order', (_name, userId) => {
    const all = intents(50, userId);
    const chunks = createChunks(all, 'app');
    expect(chunks.flat()).toEqual(all);
    for (const chunk of chunks) expect(createWrites(chunk, 'app').length).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);
    // Adding the next intent to any chunk would have overflowed it.
    for (let i = 0; i < chunks.length - 1; i++)
      expect(createWrites([...chunks[i]!, chunks[i + 1]![0]!], 'app').length).toBeGreaterThan(MAX_TRANSACTION_ITEMS);
  });

  it('puts a whole batch of 50 in one transaction, whatever its users: a create writes the intent and its event only', () => {
    expect(createChunks(intents(50), 'app')).toHaveLength(1);
    expect(
      createChunks(
        intents(50, (i) => `u${i}`),
        'app',
      ),
    ).toHaveLength(1);
    expect(createWrites(intents(1), 'app')).toHaveLength(2);
  });
});

describe('POST /api/v1/intents/batch (mocked store)', () => {
  const send = (body: unknown) =>
    invoke(
      batchHandler,
      signedEvent(TEST_CREDENTIALS, { method: 'POST', path: '/api/v1/intents/batch', body: JSON.stringify(body) }),
    );
  const throttled = () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} as never });
  const manyUsers = (n: number) => Array.from({ length: n }, (_, i) => ({ ...intentInput, userId: `u${i}` }));

  beforeEach(() => mockAuthenticatedApp(ddb, TEST_CREDENTIALS, { limits: { create: 100 } }));

  it('writes an atomic batch of one user in one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const res = await send({ atomic: true, items: Array(25).fill(intentInput) });
    expect(res.status).toBe(200);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('non-atomic: a write that fails answers 50301 for its items, and the request itself still answers 200', async () => {
    // 50 intents are 100 items: one transaction since the counters follow from the stream.
    ddb.on(TransactWriteCommand).rejects(throttled());
    const res = await send({ items: [...manyUsers(12), { ...intentInput, price: 0 }] });
    expect(res.status).toBe(200);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const codes = res.body.data.items.map((i: { code: number }) => i.code);
    expect(codes.slice(0, 12)).toEqual(Array(12).fill(50301));
    expect(codes[12]).toBe(40001);
    expect(res.body.data.items[11]).toEqual({ index: 11, code: 50301, message: '服务暂时不可用' });
  });

  it('atomic: a failed write fails the request with 503 and writes no further chunk', async () => {
    ddb.on(TransactWriteCommand).rejects(throttled());
    const res = await send({ atomic: true, items: manyUsers(25) });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(50301);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('writes nothing for a malformed batch or an atomic batch with an invalid item', async () => {
    for (const body of [{ items: [] }, { atomic: true, items: [intentInput, { ...intentInput, price: 0 }] }])
      expect((await send(body)).status).toBe(400);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
