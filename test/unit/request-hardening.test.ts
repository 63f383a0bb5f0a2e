// Requests that must be refused cleanly (issue 17): forged cursors, pages too deep to read, query keys a route does
// not take, and rate-limited reads that must not pay for the read they were refused. Through the real middy chain on
// a mocked DocumentClient: each case asserts the answer and what reached DynamoDB.
import { createHmac } from 'node:crypto';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as healthHandler } from '../../functions/health';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as deleteHandler } from '../../functions/intents-delete';
import { handler as eventsHandler } from '../../functions/intents-events';
import { handler as getHandler } from '../../functions/intents-get';
import { handler as listHandler } from '../../functions/intents-list';
import { handler as updateHandler } from '../../functions/intents-update';
import { handler as openapiHandler } from '../../functions/openapi';
import { newIntent } from '../../shared/domain/changes';
import { parseListQuery } from '../../shared/schemas/list-query';
import { intentKey } from '../../shared/store/keys/intent';
import { queryBinding } from '../../shared/store/listing-cursor';
import { businessWrites } from '../security/writes';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../support/apps';
import { type Answer, httpEvent, invoke, signedEvent } from '../support/events';
import { intentInput } from '../support/intents';

const ddb = mockClient(DynamoDBDocumentClient);
const creds = TEST_CREDENTIALS;
const PATH = '/api/v1/intents';
const ID = 'intent_01HZY2K3M4N5P6Q7R8S9T0V1W2';
// An index sort key's id part: the ULID without the constant `intent_` prefix (listing-keys.ts `sortKey`).
const SORT_ID = ID.slice('intent_'.length);

let stamp = Date.now();
const ts = () => String(--stamp);

const list = (query: string) => invoke(listHandler, signedEvent(creds, { path: PATH, query, timestamp: ts() }));

/** Reads of intents, indexes and counters: the registry read of the app is a GetCommand on its own key. */
const intentReads = () =>
  ddb.commandCalls(QueryCommand).length +
  ddb.commandCalls(BatchGetCommand).length +
  ddb.commandCalls(GetCommand).filter((c) => String(c.args[0].input.Key?.pk).startsWith('INTENT')).length;

function refused(res: Answer, status: number, code: number, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.code).toBe(code);
  if (field !== undefined) expect(res.body.data.field).toBe(field);
  expect(businessWrites(ddb, creds.appId)).toBe(0);
}

function stored() {
  const intent = newIntent(
    { ...intentInput, status: 'DRAFT' },
    { id: ID, appId: creds.appId },
    new Date().toISOString(),
  );
  return { ...intentKey(ID), entity: 'intent', ...intent, version: 1 };
}

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(BatchGetCommand).resolves({ Responses: {} });
  ddb.on(GetCommand).resolves({ Item: stored() });
  ddb.on(TransactWriteCommand).resolves({});
  mockAuthenticatedApp(ddb, creds);
});

describe('forged cursors (signed with the key, so only field checks stand between them and DynamoDB)', () => {
  const QUERY = 'pageSize=5';
  const binding = queryBinding(creds.appId, parseListQuery(QUERY));
  const after = `2026-01-02T03:04:05.678Z#${SORT_ID}`;
  const forge = (fields: unknown) => {
    const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
    // The key tests run with (vitest.config.ts): what an attacker holding the key could sign.
    const tag = createHmac('sha256', process.env.CURSOR_SECRET!).update(payload).digest().subarray(0, 16);
    return `${payload}.${tag.toString('base64url')}`;
  };

  it('accepts a well-formed cursor (so the refusals below are about the fields)', async () => {
    const res = await list(`${QUERY}&cursor=${forge({ b: binding, a: after, p: 2 })}`);
    expect(res.status).toBe(200);
    expect(res.body.data.page).toBe(2);
  });

  it.each([
    ['an empty position', { b: binding, a: '', p: 2 }],
    ['a 1,100-character position', { b: binding, a: 'x'.repeat(1100), p: 2 }],
    ['a position that is not a sort key', { b: binding, a: `${after}#extra`, p: 2 }],
    ['a price position on a createdAt query', { b: binding, a: `000000001999#${SORT_ID}`, p: 2 }],
    ['a position that is not a string', { b: binding, a: 7, p: 2 }],
    ['a negative page', { b: binding, a: after, p: -7 }],
    ['page 0', { b: binding, a: after, p: 0 }],
    ['page 1 (a cursor always leads further)', { b: binding, a: after, p: 1 }],
    ['a huge page', { b: binding, a: after, p: 1e20 }],
    ['a fractional page', { b: binding, a: after, p: 2.5 }],
    ['a page as a string', { b: binding, a: after, p: '2' }],
    ['another query', { b: 'AAAAAAAAAAAAAAAA', a: after, p: 2 }],
    ['an extra field', { b: binding, a: after, p: 2, x: 1 }],
    ['null', null],
    ['an array', [binding, after, 2]],
    ['a number', 42],
  ])('refuses %s with 40001 before any read', async (_label, fields) => {
    refused(await list(`${QUERY}&cursor=${forge(fields)}`), 400, 40001, 'cursor');
    expect(intentReads()).toBe(0);
  });
});

describe('page × pageSize', () => {
  it.each([
    'page=21474837&pageSize=100',
    'page=101&pageSize=100',
    'page=101&pageSize=1000',
    'page=501',
    'page=999999999&pageSize=1',
  ])('refuses %s with 40001 before any read', async (query) => {
    refused(await list(query), 400, 40001, 'page');
    expect(intentReads()).toBe(0);
  });

  it.each(['page=100&pageSize=100', 'page=500', 'page=10000&pageSize=1'])('reads %s', async (query) => {
    const res = await list(query);
    expect(res.status).toBe(200);
    expect(intentReads()).toBeGreaterThan(0);
  });
});

describe('query keys a route does not take', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    'refuses the list key %s, inherited by every object, like any unknown key',
    async (key) => {
      const res = await list(`${key}=1`);
      refused(res, 400, 40001, key);
      expect(res.body.data.errors).toEqual([{ field: key, message: '不支持的参数' }]);
      expect(intentReads()).toBe(0);
    },
  );

  const body = JSON.stringify(intentInput);
  const routes = [
    ['POST /intents', createHandler, { method: 'POST', path: PATH, body }],
    ['GET /intents/{id}', getHandler, { path: `${PATH}/${ID}`, pathParameters: { id: ID } }],
    ['PUT /intents/{id}', updateHandler, { method: 'PUT', path: `${PATH}/${ID}`, pathParameters: { id: ID }, body }],
    ['DELETE /intents/{id}', deleteHandler, { method: 'DELETE', path: `${PATH}/${ID}`, pathParameters: { id: ID } }],
    ['GET /intents/{id}/events', eventsHandler, { path: `${PATH}/${ID}/events`, pathParameters: { id: ID } }],
  ] as const;

  it.each(routes)('refuses any query parameter on %s with 40001 and changes nothing', async (_name, handler, o) => {
    const res = await invoke(handler, signedEvent(creds, { ...o, query: 'debug=1&constructor=x', timestamp: ts() }));
    refused(res, 400, 40001, 'debug');
    expect(res.body.data.errors.map((e: { field: string }) => e.field)).toEqual(['debug', 'constructor']);
  });

  it.each(routes)('still answers %s without one', async (_name, handler, o) => {
    const res = await invoke(handler, signedEvent(creds, { ...o, timestamp: ts() }));
    expect(res.status).toBeLessThan(300);
  });

  it('checks the signature first: an unsigned request with a query is still 401', async () => {
    const res = await invoke(getHandler, httpEvent({ path: `${PATH}/${ID}`, query: 'debug=1' }));
    expect(res.status).toBe(401);
  });

  it.each([
    ['health', healthHandler, '/api/v1/health'],
    ['the API description', openapiHandler, '/api/v1/openapi.json'],
  ] as const)('refuses a query parameter on %s', async (_name, handler, path) => {
    const res = await invoke(handler, httpEvent({ path, query: 'x=1' }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(40001);
    expect((await invoke(handler, httpEvent({ path }))).status).toBe(200);
  });
});

describe('a rate-limited read costs only the counter', () => {
  beforeEach(() => {
    mockAuthenticatedApp(ddb, creds, { rateLimited: true });
  });

  it.each(['status=SUBMITTED&pageSize=100', 'filter[title][like]=x&sortBy=price', 'pageSize=100&page=100'])(
    'never reads a list page it refused (%s)',
    async (query) => {
      refused(await list(query), 429, 42901);
      expect(intentReads()).toBe(0);
    },
  );

  it("never reads an intent's history it refused", async () => {
    const res = await invoke(
      eventsHandler,
      signedEvent(creds, { path: `${PATH}/${ID}/events`, pathParameters: { id: ID } }),
    );
    refused(res, 429, 42901);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('keeps the detail read alongside the counter: one item, one round trip', async () => {
    const res = await invoke(getHandler, signedEvent(creds, { path: `${PATH}/${ID}`, pathParameters: { id: ID } }));
    refused(res, 429, 42901);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('reads once admitted', async () => {
    mockAuthenticatedApp(ddb, creds);
    expect((await list('status=SUBMITTED')).status).toBe(200);
    expect(intentReads()).toBeGreaterThan(0);
  });
});
