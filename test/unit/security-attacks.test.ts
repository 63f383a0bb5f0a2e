// The attack battery (OWASP API1/API3/API4) through the real middy chain on a mocked DocumentClient. Each case
// asserts the contract's answer, that no store write happened beyond the auth middleware's own bookkeeping
// (replay guard, rate-limit counters) and that nothing answered 5xx.
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as deleteHandler } from '../../functions/intents-delete';
import { handler as eventsHandler } from '../../functions/intents-events';
import { handler as getHandler } from '../../functions/intents-get';
import { handler as listHandler } from '../../functions/intents-list';
import { handler as updateHandler } from '../../functions/intents-update';
import { sign } from '../../shared/auth/signature';
import { newIntent } from '../../shared/domain/changes';
import type { Intent } from '../../shared/domain/intent';
import { idempotencyKey, intentKey } from '../../shared/store/keys/intent';
import { businessWrites } from '../security/writes';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../support/apps';
import { type Answer, httpEvent, invoke, signedEvent } from '../support/events';
import { intentInput } from '../support/intents';

const ddb = mockClient(DynamoDBDocumentClient);
const creds = TEST_CREDENTIALS;
const ID = 'intent_01HZY2K3M4N5P6Q7R8S9T0V1W2';
const PATH = '/api/v1/intents';

const valid = { ...intentInput };

function storedFor(appId: string): Intent & Record<string, unknown> {
  const intent = newIntent(
    { ...valid, platform: 'TAOBAO', status: 'DRAFT' },
    { id: ID, appId },
    new Date().toISOString(),
  );
  return { ...intentKey(ID), entity: 'intent', gsi1pk: 'x', gsi1sk: 'y', ...intent, version: 1 };
}

/** The intent item the create transaction wrote. */
function writtenIntent(): Record<string, unknown> | undefined {
  const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
  return items.find((t) => (t.Put?.Item as { entity?: string } | undefined)?.entity === 'intent')?.Put?.Item;
}

let stamp = Date.now();
const ts = () => String(--stamp);

const create = (body: string, extra: { headers?: Record<string, string>; timestamp?: string } = {}) =>
  invoke(createHandler, signedEvent(creds, { method: 'POST', path: PATH, body, timestamp: ts(), ...extra }));

function refused(res: Answer, status: number, code: number) {
  expect(res.status).toBe(status);
  expect(res.body.code).toBe(code);
  expect(businessWrites(ddb, creds.appId)).toBe(0);
}

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  mockAuthenticatedApp(ddb, creds);
});

describe('signatures', () => {
  it('refuses a signature made with another secret (40101)', async () => {
    const event = signedEvent({ ...creds, appSecret: 'forged-secret' }, { method: 'POST', path: PATH, body: '{}' });
    refused(await invoke(createHandler, event), 401, 40101);
  });

  it('refuses a signature whose body was changed after signing (40101)', async () => {
    const event = signedEvent(creds, { method: 'POST', path: PATH, body: JSON.stringify(valid), timestamp: ts() });
    event.body = JSON.stringify({ ...valid, price: 0.01 });
    refused(await invoke(createHandler, event), 401, 40101);
  });

  it('refuses a replayed write (40101) and writes nothing', async () => {
    mockAuthenticatedApp(ddb, creds, { replayed: true });
    refused(await create(JSON.stringify(valid)), 401, 40101);
  });

  it.each([
    ['expired', -301_000],
    ['skewed into the future', 301_000],
  ])('refuses a timestamp %s (40102)', async (_label, offset) => {
    refused(await create(JSON.stringify(valid), { timestamp: String(Date.now() + offset) }), 401, 40102);
  });

  it.each(['12345', '１７００００００００００００', '1700000000000.5', ' 1700000000000', ''])(
    'refuses a malformed timestamp %j (40102)',
    async (timestamp) => {
      refused(await create(JSON.stringify(valid), { timestamp }), 401, 40102);
    },
  );

  it.each([
    ['x-signature', (s: string) => `${s},${s}`, 40101],
    ['x-app-id', (s: string) => `${s},${s}`, 40103],
    ['x-timestamp', (s: string) => `${s},${s}`, 40102],
  ])('refuses a duplicated %s header as API Gateway joins it', async (name, dup, code) => {
    const event = signedEvent(creds, { method: 'POST', path: PATH, body: JSON.stringify(valid), timestamp: ts() });
    event.headers[name] = dup(event.headers[name] as string);
    refused(await invoke(createHandler, event), 401, code);
  });

  it('refuses CRLF in header values and never reflects them into response headers', async () => {
    const event = signedEvent(creds, { method: 'POST', path: PATH, body: JSON.stringify(valid), timestamp: ts() });
    event.headers['x-app-id'] = `${creds.appId}\r\nx-injected: yes`;
    event.headers['idempotency-key'] = 'k\r\nset-cookie: a=b';
    const res = await invoke(createHandler, event);
    refused(res, 401, 40103);
    for (const [k, v] of Object.entries(res.headers)) {
      expect(k).not.toMatch(/injected|set-cookie/i);
      expect(String(v)).not.toMatch(/[\r\n]/);
    }
  });

  it('refuses CRLF smuggled into a correctly signed Idempotency-Key without a 5xx', async () => {
    const res = await create(JSON.stringify(valid), { headers: { 'idempotency-key': 'k\r\nset-cookie: a=b' } });
    expect(res.status).toBeLessThan(500);
    for (const v of Object.values(res.headers)) expect(String(v)).not.toMatch(/[\r\n]/);
  });
});

// A write's replay guard and rate limit run alongside the handler's reads (one round trip fewer); these cases
// hold the other half of that bargain: nothing is written before both passed, and their refusal is the answer.
describe('admission of writes running alongside the handler', () => {
  const onDraft = () => ddb.on(GetCommand, { Key: intentKey(ID) }).resolves({ Item: storedFor(creds.appId) });
  const put = (timestamp = ts()) =>
    invoke(
      updateHandler,
      signedEvent(creds, {
        method: 'PUT',
        path: `${PATH}/${ID}`,
        pathParameters: { id: ID },
        body: JSON.stringify({ quantity: 2 }),
        timestamp,
      }),
    );
  const del = () =>
    invoke(
      deleteHandler,
      signedEvent(creds, { method: 'DELETE', path: `${PATH}/${ID}`, pathParameters: { id: ID }, timestamp: ts() }),
    );

  it.each([
    ['a replayed edit', put, { replayed: true }, 401, 40101],
    ['a replayed delete', del, { replayed: true }, 401, 40101],
    ['an edit over the rate limit', put, { rateLimited: true }, 429, 42901],
    ['a delete over the rate limit', del, { rateLimited: true }, 429, 42901],
  ] as const)('refuses %s of a draft and writes nothing', async (_label, send, refusal, status, code) => {
    onDraft();
    mockAuthenticatedApp(ddb, creds, refusal);
    refused(await send(), status, code);
  });

  it('answers a replay with 40101 even when the intent does not exist (the handler found 404 first)', async () => {
    mockAuthenticatedApp(ddb, creds, { replayed: true });
    refused(await put(), 401, 40101);
  });

  it('answers a replayed create with 40101, not the stored answer of its Idempotency-Key', async () => {
    const key = 'order-77';
    ddb.on(GetCommand, { Key: idempotencyKey(creds.appId, key) }).resolves({
      Item: {
        ...idempotencyKey(creds.appId, key),
        bodyHash: 'whatever',
        createdAtMs: Date.now() - 1000,
        response: { status: 201, data: { id: ID, status: 'SUBMITTED' } },
      },
    });
    mockAuthenticatedApp(ddb, creds, { replayed: true });
    refused(await create(JSON.stringify(valid), { headers: { 'idempotency-key': key } }), 401, 40101);
  });

  it('writes only after a slow replay guard has passed', async () => {
    onDraft();
    const order: string[] = [];
    ddb.on(PutCommand, { Item: { type: 'REPLAY', appId: creds.appId } }).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push('replay guard passed');
      return {};
    });
    ddb.on(TransactWriteCommand).callsFake(async () => {
      order.push('intent written');
      return {};
    });
    expect((await put()).status).toBe(200);
    expect(order).toEqual(['replay guard passed', 'intent written']);
  });
});

describe('request size and shape', () => {
  it('answers 413/40001 for a body over 1 MB, before authenticating', async () => {
    const body = JSON.stringify({ ...valid, remarks: 'x'.repeat(1024 * 1024) });
    refused(await create(body), 413, 40001);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('answers 414/40001 for a URL over 8192 characters', async () => {
    const event = signedEvent(creds, { path: PATH, query: `status=${'A'.repeat(9000)}`, timestamp: ts() });
    refused(await invoke(listHandler, event), 414, 40001);
  });

  it('refuses deeply nested JSON as an unknown field (40001), not a crash', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const body = `${JSON.stringify(valid).slice(0, -1)},"nested":${deep}}`;
    refused(await create(body), 400, 40001);
  });

  it('refuses nesting inside a known field (40001)', async () => {
    const title = JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`);
    refused(await create(JSON.stringify({ ...valid, title })), 400, 40001);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses a %s key as an unknown field (40001) without polluting prototypes',
    async (key) => {
      const body = `${JSON.stringify(valid).slice(0, -1)},"${key}":{"polluted":true,"isAdmin":true}}`;
      const res = await create(body);
      refused(res, 400, 40001);
      expect(res.body.data.errors.map((e: { field: string }) => e.field)).toContain(key);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  );

  it('refuses __proto__ on update too (40001) before any read', async () => {
    const body = '{"__proto__":{"status":"CANCELLED"},"title":"x"}';
    const event = signedEvent(creds, {
      method: 'PUT',
      path: `${PATH}/${ID}`,
      pathParameters: { id: ID },
      body,
      timestamp: ts(),
    });
    refused(await invoke(updateHandler, event), 400, 40001);
    expect(ddb.commandCalls(GetCommand, { Key: intentKey(ID) })).toHaveLength(0);
  });

  it('refuses a body that is not valid UTF-8 (40003)', async () => {
    const json = Buffer.from(JSON.stringify({ ...valid, title: 'TITLE' }), 'utf8');
    const at = json.indexOf('TITLE');
    const bytes = Buffer.concat([json.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), json.subarray(at)]);
    const timestamp = ts();
    const event = httpEvent({
      method: 'POST',
      path: PATH,
      headers: {
        'x-app-id': creds.appId,
        'x-timestamp': timestamp,
        'x-signature': sign(creds.appSecret, 'POST', PATH, timestamp, bytes),
      },
    });
    event.body = bytes.toString('base64');
    event.isBase64Encoded = true;
    refused(await invoke(createHandler, event), 400, 40003);
  });

  it('verifies a body with a UTF-8 byte-order mark as sent, BOM included, then refuses the BOM (40003)', async () => {
    const body = `\uFEFF${JSON.stringify(valid)}`;
    const res = await create(body);
    refused(res, 400, 40003);
    expect(res.body.message).toMatch(/BOM/);
    // Signed without the BOM but sent with it: the bytes verified are the bytes sent, so the signature fails.
    const event = signedEvent(creds, { method: 'POST', path: PATH, body: JSON.stringify(valid), timestamp: ts() });
    event.body = body;
    refused(await invoke(createHandler, event), 401, 40101);
  });

  it('refuses raw NUL bytes outside a string, and a raw NUL inside a string literal (40003)', async () => {
    refused(await create(`${JSON.stringify(valid)}\u0000`), 400, 40003);
    refused(
      await create(JSON.stringify(valid).replace('TAOBAO', 'TAO\u0000BAO').replace('\\u0000', '\u0000')),
      400,
      40003,
    );
  });

  it('refuses an escaped NUL, CR/LF or a lone surrogate inside a text field (40001), and writes nothing', async () => {
    for (const title of ['a\u0000b', 'a\r\nb', 'a\ud800b', '\u200b'])
      refused(await create(JSON.stringify({ ...valid, title })), 400, 40001);
    expect(writtenIntent()).toBeUndefined();
  });

  it.each(['[]', '"x"', '1', 'null', '', '{', '{"a":1}{"b":2}'])(
    'refuses a non-object body %j (40003)',
    async (body) => {
      refused(await create(body), 400, 40003);
    },
  );
});

describe('numbers in prices (the rules are about the number, not its spelling)', () => {
  it.each([
    ['1e400 (Infinity once parsed)', '1e400', 40001],
    ['a huge integer', '123456789012345678901234567890', 40001],
    ['-0', '-0', 40001],
    ['0e10', '0e10', 40001],
    ['a subnormal', '5e-324', 40001],
    ['three decimals in exponent form', '1.234e0', 40001],
    ['a string', '"19.99"', 40001],
  ])('refuses %s', async (_label, literal, code) => {
    const body = JSON.stringify({ ...valid, price: 1 }).replace('"price":1', `"price":${literal}`);
    refused(await create(body), 400, code);
  });

  it.each([
    ['1e2', 100],
    ['1.999e3', 1999],
    ['19.990', 19.99],
    ['1E6', 1_000_000],
  ])('accepts %s as the number %d', async (literal, value) => {
    const body = JSON.stringify({ ...valid, price: 1 }).replace('"price":1', `"price":${literal}`);
    const res = await create(body);
    expect(res.status).toBe(201);
    expect(writtenIntent()?.priceFen).toBe(Math.round(value * 100));
  });

  it('refuses a quantity of 1e4 and accepts 1e1', async () => {
    const q = (literal: string) => JSON.stringify(valid).replace('"quantity":3', `"quantity":${literal}`);
    refused(await create(q('1e4')), 400, 40001);
    expect((await create(q('1e1'))).status).toBe(201);
    expect(writtenIntent()?.quantity).toBe(10);
  });
});

describe('ids and stored strings', () => {
  it.each([
    '../../apps/app_unit_test',
    '..%2F..%2Fapps',
    '%2e%2e',
    'intent_../../x',
    `${ID}%00`,
    `${ID}\u0000`,
    "' OR 1=1--",
  ])('answers 404/40401 for the id %j on every route without touching the table', async (id) => {
    const path = `${PATH}/${encodeURIComponent(id)}`;
    const answers = await Promise.all([
      invoke(getHandler, signedEvent(creds, { path, pathParameters: { id }, timestamp: ts() })),
      invoke(
        updateHandler,
        signedEvent(creds, { method: 'PUT', path, pathParameters: { id }, body: '{"title":"x"}', timestamp: ts() }),
      ),
      invoke(deleteHandler, signedEvent(creds, { method: 'DELETE', path, pathParameters: { id }, timestamp: ts() })),
      invoke(eventsHandler, signedEvent(creds, { path: `${path}/events`, pathParameters: { id }, timestamp: ts() })),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(40401);
    }
    expect(businessWrites(ddb, creds.appId)).toBe(0);
    expect(ddb.commandCalls(GetCommand).filter((c) => !String(c.args[0].input.Key?.pk).startsWith('APP'))).toHaveLength(
      0,
    );
  });

  it.each([
    "Robert'); DROP TABLE intents;--",
    '{"$gt":""}',
    '{"$where":"sleep(1000)"}',
    'attribute_exists(pk) OR #a = :b',
    '<script>alert(1)</script>',
  ])('stores %j verbatim as a title, as plain data', async (title) => {
    const res = await create(JSON.stringify({ ...valid, title, remarks: title }));
    expect(res.status).toBe(201);
    const written = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    const item = writtenIntent();
    expect(item?.title).toBe(title);
    expect(item?.remarks).toBe(title);
    // The value travels as an attribute value, never spliced into an expression.
    for (const t of written) {
      const expr = [t.Put?.ConditionExpression, t.Update?.UpdateExpression, t.Update?.ConditionExpression].join(' ');
      expect(expr).not.toContain(title);
    }
  });

  it.each(['{"$gt":""}', "' OR '1'='1", '*'])(
    'treats the list filter %j as a bad query value, never a wildcard',
    async (v) => {
      const event = signedEvent(creds, { path: PATH, query: `userId=${encodeURIComponent(v)}`, timestamp: ts() });
      const res = await invoke(listHandler, event);
      expect(res.status).toBeLessThan(500);
      if (res.status === 200) expect(res.body.data.items).toEqual([]);
      else expect(res.body.code).toBe(40001);
    },
  );
});

describe("another app's intent (BOLA)", () => {
  beforeEach(() => {
    ddb.on(GetCommand, { Key: intentKey(ID) }).resolves({ Item: storedFor('app_someone_else') });
  });

  const path = `${PATH}/${ID}`;
  const routes = {
    GET: () => invoke(getHandler, signedEvent(creds, { path, pathParameters: { id: ID }, timestamp: ts() })),
    PUT: () =>
      invoke(
        updateHandler,
        signedEvent(creds, {
          method: 'PUT',
          path,
          pathParameters: { id: ID },
          body: '{"status":"CANCELLED"}',
          timestamp: ts(),
        }),
      ),
    PUT_EDIT: () =>
      invoke(
        updateHandler,
        signedEvent(creds, {
          method: 'PUT',
          path,
          pathParameters: { id: ID },
          body: '{"title":"mine now"}',
          timestamp: ts(),
        }),
      ),
    DELETE: () =>
      invoke(
        deleteHandler,
        signedEvent(creds, { method: 'DELETE', path, pathParameters: { id: ID }, timestamp: ts() }),
      ),
    EVENTS: () =>
      invoke(
        eventsHandler,
        signedEvent(creds, { path: `${path}/events`, pathParameters: { id: ID }, timestamp: ts() }),
      ),
  };

  it.each(Object.keys(routes) as (keyof typeof routes)[])(
    '%s answers 403/40302, reveals nothing and writes nothing',
    async (route) => {
      const res = await routes[route]();
      refused(res, 403, 40302);
      expect(res.body.data).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('13800138000');
      expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
    },
  );
});
