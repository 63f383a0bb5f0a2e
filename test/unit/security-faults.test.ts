// Fault injection: every DynamoDB command each route sends (its own and the auth middleware's) fails in each way
// DynamoDB fails — throttling, transaction conflict, timeout, connection reset, 5xx. The answer is always
// 503/50301 with Retry-After, the body shows no internals, and no write other than a failed (atomic) transaction
// was made.
import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
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
import { handler as listHandler } from '../../functions/intents-list';
import { handler as updateHandler } from '../../functions/intents-update';
import { newIntent } from '../../shared/domain/changes';
import { intentKey } from '../../shared/store/keys/intent';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../support/apps';
import { invoke, signedEvent } from '../support/events';

const ddb = mockClient(DynamoDBDocumentClient);
const creds = TEST_CREDENTIALS;
const ID = 'intent_01HZY2K3M4N5P6Q7R8S9T0V1W2';
const SECRET_DETAIL = 'arn:aws:dynamodb:cn-north-1:123456789012:table/internal-detail';

const body = {
  userId: 'user_001',
  platform: 'PDD',
  productUrl: 'https://mobile.yangkeduo.com/goods.html?goods_id=123456',
  title: '拼多多商品',
  price: 9.9,
  quantity: 2,
  recipientName: '王五',
  address: '广州市天河区体育西路 1 号',
  phone: '13700137000',
};

const faults: Record<string, () => Error> = {
  throttling: () =>
    new ProvisionedThroughputExceededException({ message: SECRET_DETAIL, $metadata: { httpStatusCode: 400 } }),
  ThrottlingException: () => Object.assign(new Error(SECRET_DETAIL), { name: 'ThrottlingException' }),
  'transaction conflict': () =>
    new TransactionCanceledException({
      message: SECRET_DETAIL,
      $metadata: { httpStatusCode: 400 },
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    }),
  timeout: () => Object.assign(new Error(SECRET_DETAIL), { name: 'TimeoutError' }),
  'connection reset': () => Object.assign(new Error(SECRET_DETAIL), { code: 'ECONNRESET' }),
  '500 from DynamoDB': () => new InternalServerError({ message: SECRET_DETAIL, $metadata: { httpStatusCode: 500 } }),
  '503 from DynamoDB': () =>
    Object.assign(new Error(SECRET_DETAIL), { name: 'Unknown', $metadata: { httpStatusCode: 503 } }),
};

let stamp = Date.now();
const ts = () => String(--stamp);
const path = `/api/v1/intents/${ID}`;

const routes = {
  create: () =>
    invoke(
      createHandler,
      signedEvent(creds, {
        method: 'POST',
        path: '/api/v1/intents',
        body: JSON.stringify(body),
        timestamp: ts(),
        headers: { 'idempotency-key': 'fault-key-1' },
      }),
    ),
  list: () =>
    invoke(listHandler, signedEvent(creds, { path: '/api/v1/intents', query: 'status=DRAFT', timestamp: ts() })),
  get: () => invoke(getHandler, signedEvent(creds, { path, pathParameters: { id: ID }, timestamp: ts() })),
  update: () =>
    invoke(
      updateHandler,
      signedEvent(creds, {
        method: 'PUT',
        path,
        pathParameters: { id: ID },
        body: '{"title":"新标题"}',
        timestamp: ts(),
      }),
    ),
  submit: () =>
    invoke(
      updateHandler,
      signedEvent(creds, {
        method: 'PUT',
        path,
        pathParameters: { id: ID },
        body: '{"status":"SUBMITTED"}',
        timestamp: ts(),
      }),
    ),
  delete: () =>
    invoke(deleteHandler, signedEvent(creds, { method: 'DELETE', path, pathParameters: { id: ID }, timestamp: ts() })),
  events: () =>
    invoke(eventsHandler, signedEvent(creds, { path: `${path}/events`, pathParameters: { id: ID }, timestamp: ts() })),
};

/** The commands each route sends on its happy path (auth's Get/Put/Update included). */
const commandsOf: Record<
  keyof typeof routes,
  (
    | typeof BatchGetCommand
    | typeof GetCommand
    | typeof PutCommand
    | typeof UpdateCommand
    | typeof QueryCommand
    | typeof TransactWriteCommand
  )[]
> = {
  create: [GetCommand, PutCommand, UpdateCommand, TransactWriteCommand],
  list: [GetCommand, UpdateCommand, BatchGetCommand],
  get: [GetCommand, UpdateCommand],
  update: [GetCommand, PutCommand, UpdateCommand, TransactWriteCommand],
  submit: [GetCommand, PutCommand, UpdateCommand, TransactWriteCommand],
  delete: [GetCommand, PutCommand, UpdateCommand, TransactWriteCommand],
  events: [GetCommand, UpdateCommand, QueryCommand],
};

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(BatchGetCommand).resolves({ Responses: {} });
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  const draft = newIntent(
    { ...body, platform: 'PDD', status: 'DRAFT' },
    { id: ID, appId: creds.appId },
    '2026-01-01T00:00:00.000Z',
  );
  ddb
    .on(GetCommand, { Key: intentKey(ID) })
    .resolves({ Item: { ...intentKey(ID), entity: 'intent', ...draft, version: 1 } });
  mockAuthenticatedApp(ddb, creds);
});

describe('every route answers its happy path with these stubs', () => {
  it.each(Object.keys(routes) as (keyof typeof routes)[])('%s', async (route) => {
    const res = await routes[route]();
    expect(res.status).toBeLessThan(300);
  });
});

const cases = (Object.keys(routes) as (keyof typeof routes)[]).flatMap((route) =>
  commandsOf[route].flatMap((command) => Object.keys(faults).map((fault) => [route, command, fault] as const)),
);

describe('faults', () => {
  it.each(cases)(
    '%s with %o failing by %s: 503/50301, Retry-After, no internals, no partial write',
    async (route, command, fault) => {
      // Registered last, so it beats every narrower stub: every call of this command fails.
      ddb.on(command as typeof GetCommand).rejects((faults[fault] as () => Error)());
      const res = await routes[route]();
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ code: 50301, message: '服务暂时不可用', data: null });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.stringify(res)).not.toContain('arn:aws');
      // A transaction is all or nothing; the only other writes allowed are the auth middleware's bookkeeping.
      const strayPuts = ddb
        .commandCalls(PutCommand)
        .filter((c) => (c.args[0].input.Item as { type?: string }).type !== 'REPLAY');
      const strayUpdates = ddb
        .commandCalls(UpdateCommand)
        .filter((c) => !String(c.args[0].input.Key?.pk).includes(creds.appId));
      expect(strayPuts).toHaveLength(0);
      expect(strayUpdates).toHaveLength(0);
    },
  );
});
