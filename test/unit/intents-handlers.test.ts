// Each intent handler on a mocked DocumentClient: what it writes (one transaction, conditional on the version
// read), how store answers map to the contract's codes, and that DynamoDB failures end in 503/50301 with no
// partial write.
import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as deleteHandler } from '../../functions/intents-delete';
import { handler as eventsHandler } from '../../functions/intents-events';
import { handler as getHandler } from '../../functions/intents-get';
import { handler as updateHandler } from '../../functions/intents-update';
import { newIntent } from '../../shared/domain/changes';
import type { Intent, IntentStatus } from '../../shared/domain/intent';
import { bodyHash } from '../../shared/store/idempotency';
import { idempotencyKey, intentKey } from '../../shared/store/keys/intent';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../support/apps';
import { invoke, signedEvent } from '../support/events';
import { intentInput } from '../support/intents';

const ddb = mockClient(DynamoDBDocumentClient);
const creds = TEST_CREDENTIALS;
const ID = 'intent_01HZY2K3M4N5P6Q7R8S9T0V1W2';
const NOW = '2026-02-25T10:30:00.000Z';

const body = { ...intentInput };

function stored(status: IntentStatus, appId = creds.appId): Intent & Record<string, unknown> {
  const intent = newIntent({ ...body, platform: 'TAOBAO', status: 'DRAFT' }, { id: ID, appId }, NOW);
  return { ...intentKey(ID), entity: 'intent', gsi1pk: 'x', gsi1sk: 'y', ...intent, status, version: 3 };
}

const throttled = () =>
  new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: { httpStatusCode: 400 } });

const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const transactions = () => ddb.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems ?? []);
/** Writes other than the auth middleware's replay guard and rate-limit counters. */
const otherWrites = () =>
  ddb.commandCalls(PutCommand).filter((c) => (c.args[0].input.Item as { type?: string }).type !== 'REPLAY').length +
  ddb.commandCalls(UpdateCommand).filter((c) => !String(c.args[0].input.Key?.pk).includes(creds.appId)).length;

let stamp = Date.now();
const ts = () => String(--stamp);

const send = {
  create: (b: unknown, headers: Record<string, string> = {}) =>
    invoke(
      createHandler,
      signedEvent(creds, {
        method: 'POST',
        path: '/api/v1/intents',
        body: JSON.stringify(b),
        headers,
        timestamp: ts(),
      }),
    ),
  get: (id = ID) =>
    invoke(getHandler, signedEvent(creds, { path: `/api/v1/intents/${id}`, pathParameters: { id }, timestamp: ts() })),
  update: (b: unknown, id = ID) =>
    invoke(
      updateHandler,
      signedEvent(creds, {
        method: 'PUT',
        path: `/api/v1/intents/${id}`,
        pathParameters: { id },
        body: JSON.stringify(b),
        timestamp: ts(),
      }),
    ),
  remove: (id = ID) =>
    invoke(
      deleteHandler,
      signedEvent(creds, { method: 'DELETE', path: `/api/v1/intents/${id}`, pathParameters: { id }, timestamp: ts() }),
    ),
  events: (id = ID) =>
    invoke(
      eventsHandler,
      signedEvent(creds, { path: `/api/v1/intents/${id}/events`, pathParameters: { id }, timestamp: ts() }),
    ),
};

const onIntent = () => ddb.on(GetCommand, { Key: intentKey(ID) });

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  mockAuthenticatedApp(ddb, creds);
});

describe('POST /api/v1/intents', () => {
  it('writes intent and first event in one transaction, no shared counter item, and answers 201', async () => {
    const res = await send.create(body);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ userId: 'user_001', status: 'SUBMITTED' });
    const [items] = transactions();
    expect(transactions()).toHaveLength(1);
    expect(items?.[0]?.Put).toMatchObject({
      Item: { entity: 'intent', priceFen: 1999, totalAmountFen: 5997, appId: creds.appId, version: 1 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(items?.[1]?.Put?.Item).toMatchObject({ entity: 'intent-event', to: 'SUBMITTED', actor: 'app' });
    // The listing counters follow the stream: no item shared by the app's intents on the request path.
    expect(items).toHaveLength(2);
    expect(otherWrites()).toBe(0);
  });

  it('answers 503/50301 with Retry-After when DynamoDB throttles, having written nothing else', async () => {
    ddb.on(TransactWriteCommand).rejects(throttled());
    const res = await send.create(body);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 50301, data: null });
    expect(res.headers['retry-after']).toBeDefined();
    expect(otherWrites()).toBe(0);
  });

  it('retries a transaction cancelled only by a conflicting writer', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['None', 'TransactionConflict']))
      .resolves({});
    const res = await send.create(body);
    expect(res.status).toBe(201);
    expect(transactions()).toHaveLength(2);
  });

  it('gives up on endless conflicts with 503/50301', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(['None', 'TransactionConflict']));
    const res = await send.create(body);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(50301);
  });

  it('answers 500/50001 without internals for an unexpected failure', async () => {
    ddb.on(TransactWriteCommand).rejects(new Error('secret internal detail'));
    const res = await send.create(body);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 50001, message: '服务器内部错误', data: null });
  });

  describe('with an Idempotency-Key', () => {
    const key = 'order-42';
    const record = (hash: string) => ({
      Item: {
        ...idempotencyKey(creds.appId, key),
        bodyHash: hash,
        createdAtMs: Date.now() - 1000,
        response: { status: 201, data: { id: ID, status: 'SUBMITTED' } },
      },
    });

    it('claims the key in the same transaction as the intent', async () => {
      await send.create(body, { 'Idempotency-Key': key });
      const items = transactions()[0] ?? [];
      expect(items.at(-1)?.Put?.Item).toMatchObject({ ...idempotencyKey(creds.appId, key), bodyHash: bodyHash(body) });
      expect(items.at(-1)?.Put?.ConditionExpression).toContain('attribute_not_exists(pk)');
    });

    it('replays a live record for the same body without writing', async () => {
      ddb.on(GetCommand, { Key: idempotencyKey(creds.appId, key) }).resolves(record(bodyHash(body)));
      mockAuthenticatedApp(ddb, creds);
      const res = await send.create(body, { 'Idempotency-Key': key });
      expect(res.status).toBe(201);
      expect(res.headers['idempotent-replayed']).toBe('true');
      expect(res.body.data).toEqual({ id: ID, status: 'SUBMITTED' });
      expect(transactions()).toHaveLength(0);
    });

    it('refuses another body with 409/40901', async () => {
      ddb.on(GetCommand, { Key: idempotencyKey(creds.appId, key) }).resolves(record('another'));
      mockAuthenticatedApp(ddb, creds);
      const res = await send.create(body, { 'Idempotency-Key': key });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(40901);
    });

    it('ignores a record older than 24 h', async () => {
      const old = record(bodyHash(body));
      old.Item.createdAtMs = Date.now() - 25 * 3600 * 1000;
      ddb.on(GetCommand, { Key: idempotencyKey(creds.appId, key) }).resolves(old);
      mockAuthenticatedApp(ddb, creds);
      const res = await send.create(body, { 'Idempotency-Key': key });
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(transactions()).toHaveLength(1);
    });

    it('answers as the winner when a concurrent duplicate took the key first', async () => {
      ddb
        .on(GetCommand, { Key: idempotencyKey(creds.appId, key) })
        .resolvesOnce({})
        .resolves(record(bodyHash(body)));
      mockAuthenticatedApp(ddb, creds);
      ddb.on(TransactWriteCommand).callsFake((input: { TransactItems: unknown[] }) => {
        const codes = input.TransactItems.map(() => 'None');
        codes[codes.length - 1] = 'ConditionalCheckFailed';
        throw cancelled(codes);
      });
      const res = await send.create(body, { 'Idempotency-Key': key });
      expect(res.status).toBe(201);
      expect(res.headers['idempotent-replayed']).toBe('true');
      expect(res.body.data.id).toBe(ID);
    });
  });
});

describe('GET /api/v1/intents/{id}', () => {
  it('answers the full intent without store attributes, phone masked', async () => {
    onIntent().resolves({ Item: stored('SUBMITTED') });
    const res = await send.get();
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: ID, phone: '138****8000', price: 19.99, totalAmount: 59.97 });
    for (const attr of ['pk', 'sk', 'entity', 'gsi1pk', 'appId', 'version', 'priceFen'])
      expect(res.body.data).not.toHaveProperty(attr);
  });

  it('gives 404/40401 for a malformed id without reading the table', async () => {
    const res = await send.get('intent_nope');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(40401);
    expect(ddb.commandCalls(GetCommand, { Key: intentKey('intent_nope') })).toHaveLength(0);
  });

  it('gives 404/40401 for an unknown id and 403/40302 for another app’s', async () => {
    expect((await send.get()).body.code).toBe(40401);
    onIntent().resolves({ Item: stored('SUBMITTED', 'app_someone_else') });
    const res = await send.get();
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(40302);
  });

  it('gives 503/50301 when the read is throttled', async () => {
    onIntent().rejects(throttled());
    const res = await send.get();
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(50301);
  });
});

describe('PUT /api/v1/intents/{id}', () => {
  it('writes the change conditional on the version read, with an event when the status moves', async () => {
    onIntent().resolves({ Item: stored('DRAFT') });
    const res = await send.update({ status: 'SUBMITTED' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'SUBMITTED', statusMessage: expect.any(String) });
    const items = transactions()[0] ?? [];
    expect(items[0]?.Put).toMatchObject({
      Item: { status: 'SUBMITTED', version: 4 },
      ConditionExpression: '#version = :version',
      ExpressionAttributeValues: { ':version': 3 },
    });
    expect(items[1]?.Put?.Item).toMatchObject({ entity: 'intent-event', from: 'DRAFT', to: 'SUBMITTED' });
    expect(otherWrites()).toBe(0);
  });

  it('writes no event for a plain edit', async () => {
    onIntent().resolves({ Item: stored('DRAFT') });
    await send.update({ title: '新标题' });
    const items = transactions()[0] ?? [];
    expect(items.filter((i) => i.Put?.Item?.entity === 'intent-event')).toHaveLength(0);
  });

  it('gives 409/40902 without writing when the status forbids the change', async () => {
    onIntent().resolves({ Item: stored('COMPLETED') });
    const res = await send.update({ status: 'CANCELLED' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe(40902);
    expect(transactions()).toHaveLength(0);
  });

  it('gives 409/40902 when another writer changed the intent since it was read', async () => {
    onIntent().resolves({ Item: stored('SUBMITTED') });
    ddb.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None']));
    const res = await send.update({ status: 'CANCELLED' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe(40902);
  });

  it('applies a cancel again when fulfilment moved the intent on under it and cancelling is still allowed', async () => {
    onIntent()
      .resolvesOnce({ Item: stored('SUBMITTED') })
      .resolves({ Item: { ...stored('PROCESSING'), version: 4 } });
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['ConditionalCheckFailed', 'None']))
      .resolves({});
    const res = await send.update({ status: 'CANCELLED' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('CANCELLED');
    const [first, second] = transactions();
    expect(first?.[0]?.Put?.ExpressionAttributeValues).toEqual({ ':version': 3 });
    // The retry is conditional on the state it re-read, so a further writer would still be detected.
    expect(second?.[0]?.Put?.ExpressionAttributeValues).toEqual({ ':version': 4 });
    expect(second?.[0]?.Put?.Item).toMatchObject({ status: 'CANCELLED', version: 5 });
  });

  it('gives 404/40401 when it was deleted since it was read', async () => {
    onIntent()
      .resolvesOnce({ Item: stored('DRAFT') })
      .resolves({});
    ddb.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None']));
    const res = await send.update({ title: 'x' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(40401);
  });

  it('gives 400 before any read for a bad body', async () => {
    expect((await send.update({ status: 'PROCESSING' })).body.code).toBe(40001);
    expect(ddb.commandCalls(GetCommand, { Key: intentKey(ID) })).toHaveLength(0);
  });

  it('gives 503/50301 when the write is throttled, and writes nothing else', async () => {
    onIntent().resolves({ Item: stored('DRAFT') });
    ddb.on(TransactWriteCommand).rejects(throttled());
    const res = await send.update({ title: 'x' });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(50301);
    expect(otherWrites()).toBe(0);
  });
});

describe('DELETE /api/v1/intents/{id}', () => {
  it('deletes conditional on the version and leaves an audit record, in one transaction of two items', async () => {
    onIntent().resolves({ Item: stored('CANCELLED') });
    const res = await send.remove();
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: ID, deleted: true });
    const items = transactions()[0] ?? [];
    expect(items[0]?.Delete).toMatchObject({ Key: intentKey(ID), ExpressionAttributeValues: { ':version': 3 } });
    expect(items[1]?.Put?.Item).toMatchObject({ entity: 'intent-audit', action: 'DELETE', status: 'CANCELLED' });
    expect(JSON.stringify(items[1])).not.toContain(body.phone);
    expect(items).toHaveLength(2);
  });

  for (const status of ['SUBMITTED', 'PROCESSING', 'COMPLETED'] as const)
    it(`gives 409/40902 for a ${status} intent without writing`, async () => {
      onIntent().resolves({ Item: stored(status) });
      const res = await send.remove();
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(40902);
      expect(transactions()).toHaveLength(0);
    });

  it('gives 503/50301 when the transaction is throttled', async () => {
    onIntent().resolves({ Item: stored('DRAFT') });
    ddb.on(TransactWriteCommand).rejects(throttled());
    const res = await send.remove();
    expect(res.status).toBe(503);
    expect(otherWrites()).toBe(0);
  });

  it('gives 403/40302 for another app’s intent', async () => {
    onIntent().resolves({ Item: stored('DRAFT', 'app_someone_else') });
    expect((await send.remove()).body.code).toBe(40302);
    expect(transactions()).toHaveLength(0);
  });
});

describe('GET /api/v1/intents/{id}/events', () => {
  it('reads every page of the history, oldest first', async () => {
    onIntent().resolves({ Item: stored('CANCELLED') });
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: [{ actor: 'app', to: 'DRAFT', at: NOW }],
        LastEvaluatedKey: { pk: 'x', sk: 'y' },
      })
      .resolves({ Items: [{ actor: 'app', from: 'DRAFT', to: 'CANCELLED', at: NOW }] });
    const res = await send.events();
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      id: ID,
      items: [
        { actor: 'app', to: 'DRAFT', at: NOW },
        { actor: 'app', from: 'DRAFT', to: 'CANCELLED', at: NOW },
      ],
    });
    const queries = ddb.commandCalls(QueryCommand);
    expect(queries).toHaveLength(2);
    expect(queries[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'x', sk: 'y' });
    expect(queries[0]?.args[0].input.ScanIndexForward).not.toBe(false);
  });

  it('gives 503/50301 when the query is throttled', async () => {
    onIntent().resolves({ Item: stored('DRAFT') });
    ddb.on(QueryCommand).rejects(throttled());
    expect((await send.events()).body.code).toBe(50301);
  });

  it('checks ownership before reading the history', async () => {
    onIntent().resolves({ Item: stored('DRAFT', 'app_someone_else') });
    expect((await send.events()).body.code).toBe(40302);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

it('maps a plain ConditionalCheckFailed on the intent the same way as a cancelled transaction', async () => {
  onIntent().resolves({ Item: stored('SUBMITTED') });
  ddb
    .on(TransactWriteCommand)
    .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: { httpStatusCode: 400 } }));
  const res = await send.update({ status: 'CANCELLED' });
  expect(res.status).toBe(409);
});
