// The signed-request middleware through the real chain, with DynamoDB mocked: every failure, its code and order.
import { createSecretKey } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEV_APP_ID, DEV_APP_SECRET } from '../../shared/apps/app';
import { sign } from '../../shared/auth/signature';
import { api } from '../../shared/http/api';
import { ApiError } from '../../shared/http/errors';
import { logger } from '../../shared/logger';
import { TEST_CREDENTIALS as creds, mockAuthenticatedApp } from '../support/apps';
import { type EventOptions, invoke, signedEvent } from '../support/events';

const ddbMock = mockClient(DynamoDBDocumentClient);

// Test-only handlers on real routes: the real chain around a handler that echoes what it was given. The write
// route's handler records its "write" only once admitted, as the store's write functions do, so `handled` lists
// what a refused write would have changed.
const handled: string[] = [];
const create = api('intents-create', async (req) => {
  await req.admitted;
  handled.push(req.rawBody);
  return { status: 201, data: { appId: req.app?.appId, body: req.rawBody } };
});
const list = api('intents-list', async (req) => {
  handled.push(req.event.rawQueryString);
  return { data: { query: req.event.rawQueryString } };
});
const getOne = api('intents-get', async () => {
  throw new ApiError('NOT_FOUND');
});
const update = api('intents-update', async () => ({ data: null }));

const post = (o: Partial<EventOptions> & { timestamp?: string } = {}, c = creds) =>
  invoke(create, signedEvent(c, { method: 'POST', path: '/api/v1/intents', body: '{"a":1}', ...o }));
const get = (o: Partial<EventOptions> & { timestamp?: string } = {}, c = creds) =>
  invoke(list, signedEvent(c, { path: '/api/v1/intents', ...o }));

beforeEach(() => {
  ddbMock.reset();
  handled.length = 0;
  mockAuthenticatedApp(ddbMock, creds);
});

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.LOCAL_RUNTIME;
});

describe('accepted requests', () => {
  it('passes a signed POST to the handler with the caller app and rate-limit headers', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await post();
    const after = Math.floor(Date.now() / 1000);
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ appId: creds.appId, body: '{"a":1}' });
    expect(res.headers).toMatchObject({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9' });
    // The window is the second the request was counted in; the request may straddle a second boundary.
    expect([before + 1, after + 1]).toContain(Number(res.headers['x-ratelimit-reset']));
  });

  it('accepts the signature in upper case', async () => {
    const event = signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body: '{}' });
    event.headers['x-signature'] = event.headers['x-signature']!.toUpperCase();
    expect((await invoke(create, event)).status).toBe(201);
  });

  it('verifies base64-encoded bodies over the decoded bytes', async () => {
    const body = '{"title":"中文标题 + 100%20 a%2Fb"}';
    const res = await post({ body, base64: true });
    expect(res.status).toBe(201);
    expect(res.body.data.body).toBe(body);
  });

  it.each([
    ['Chinese text', '{"title":"测试商品，数量：２"}'],
    ['plus', '{"q":"a+b"}'],
    ['%20', '{"q":"a%20b"}'],
    ['%2F', '{"q":"a%2Fb"}'],
  ])('verifies bodies with %s as sent', async (_, body) => {
    expect((await post({ body })).status).toBe(201);
    expect(handled).toEqual([body]);
  });

  it.each([
    ['Chinese text', 'title=%E6%B5%8B%E8%AF%95'],
    ['raw Chinese text', 'title=测试'],
    ['plus', 'q=a+b'],
    ['%20', 'q=a%20b'],
    ['%2F', 'q=a%2Fb&filter[title][like]=x'],
  ])('verifies the query string with %s exactly as sent', async (_, query) => {
    expect((await get({ query })).status).toBe(200);
    expect(handled).toEqual([query]);
  });

  it('refuses a query string that was signed decoded but sent encoded', async () => {
    const event = signedEvent(creds, { path: '/api/v1/intents', query: 'q=a b' });
    event.rawQueryString = 'q=a%20b';
    expect((await invoke(list, event)).body.code).toBe(40101);
  });

  it('reads the app once per cache period: a warm request reads no registry item', async () => {
    await post();
    await post();
    await get();
    expect(ddbMock.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('accepts either secret while an old one is still valid, and not after it expired', async () => {
    const old = { appId: creds.appId, appSecret: 'old_secret_still_valid' };
    const expired = { appId: creds.appId, appSecret: 'old_secret_expired' };
    mockAuthenticatedApp(ddbMock, creds, {
      extraSecrets: [
        {
          secret: old.appSecret,
          createdAt: new Date().toISOString(),
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        },
        {
          secret: expired.appSecret,
          createdAt: new Date().toISOString(),
          expiresAt: new Date(Date.now() - 1).toISOString(),
        },
      ],
    });
    expect((await post({}, creds)).status).toBe(201);
    expect((await post({}, old)).status).toBe(201);
    expect((await post({}, expired)).body.code).toBe(40101);
  });
});

describe('X-Timestamp (40102, checked first)', () => {
  // Built when each test runs, not when the file is collected: on a busy machine seconds pass in between, and a
  // skew computed early would drift back inside the window.
  it.each([
    ['missing', () => undefined],
    ['seconds, not ms', (now: number) => String(Math.floor(now / 1000))],
    ['14 digits', (now: number) => `${now}0`],
    ['not digits', () => 'abcdefghijklm'],
    ['301 s in the past', (now: number) => String(now - 301_000)],
    ['301 s in the future', (now: number) => String(now + 301_000)],
    ['repeated (comma-joined)', (now: number) => `${now},${now}`],
  ])('refuses a timestamp %s', async (_, at) => {
    const timestamp = at(Date.now());
    const event = signedEvent(creds, {
      method: 'POST',
      path: '/api/v1/intents',
      body: '{}',
      timestamp: timestamp ?? '',
    });
    if (timestamp === undefined) delete event.headers['x-timestamp'];
    const res = await invoke(create, event);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 40102, data: null });
    expect(handled).toEqual([]);
  });

  it('accepts skew of 299 s in either direction', async () => {
    expect((await post({ timestamp: String(Date.now() - 299_000) })).status).toBe(201);
    expect((await post({ timestamp: String(Date.now() + 299_000) })).status).toBe(201);
  });

  it('comes before the app check', async () => {
    const res = await post({ timestamp: '1' }, { appId: 'nobody', appSecret: 'x' });
    expect(res.body.code).toBe(40102);
  });
});

describe('X-App-Id (40103)', () => {
  it('refuses a missing app id', async () => {
    const event = signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body: '{}' });
    delete event.headers['x-app-id'];
    expect((await invoke(create, event)).body).toMatchObject({ code: 40103, message: 'App ID 不存在' });
  });

  it('refuses an unknown app id', async () => {
    ddbMock.on(GetCommand).resolves({});
    mockAuthenticatedApp(ddbMock, creds);
    const res = await post({}, { appId: 'app_unknown', appSecret: creds.appSecret });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(40103);
  });

  it('refuses a disabled app', async () => {
    mockAuthenticatedApp(ddbMock, creds, { status: 'DISABLED' });
    expect((await post()).body.code).toBe(40103);
  });

  it('refuses a repeated app id header', async () => {
    const res = await post({ headers: { 'x-app-id': `${creds.appId},${creds.appId}` } });
    expect(res.body.code).toBe(40103);
  });

  it.each([
    ['2,045 characters', `app_${'a'.repeat(2041)}`],
    ['65 characters', 'a'.repeat(65)],
    ['a space', 'app 1'],
    ['a slash', 'app/1'],
    ['a hash (key separator)', 'app#1'],
    ['non-ASCII', 'app_测试'],
    ['a control character', 'app_\u0001'],
  ])('refuses an app id with %s as unknown, before any DynamoDB call and without a stack trace', async (_, appId) => {
    const logged = [vi.spyOn(logger, 'error'), vi.spyOn(logger, 'warn'), vi.spyOn(logger, 'info')];
    const res = await post({}, { appId, appSecret: creds.appSecret });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 40103, message: 'App ID 不存在' });
    expect(ddbMock.calls()).toHaveLength(0);
    const text = JSON.stringify(logged.flatMap((spy) => spy.mock.calls));
    expect(text).toContain('X-App-Id malformed');
    expect(text).not.toMatch(/stack|\sat\s/);
    expect(text).not.toContain(appId.slice(0, 40));
  });

  it('refuses the dev app outside the local runtime, before reading the registry', async () => {
    const dev = { appId: DEV_APP_ID, appSecret: DEV_APP_SECRET };
    mockAuthenticatedApp(ddbMock, dev);
    expect((await post({}, dev)).body.code).toBe(40103);
    expect(ddbMock.commandCalls(GetCommand)).toHaveLength(0);
    process.env.LOCAL_RUNTIME = 'true';
    expect((await post({}, dev)).status).toBe(201);
  });

  it('comes before the signature check', async () => {
    mockAuthenticatedApp(ddbMock, creds, { status: 'DISABLED' });
    expect((await post({ headers: { 'x-signature': 'bad' } })).body.code).toBe(40103);
  });
});

describe('X-Signature (40101)', () => {
  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too short', 'abc123'],
    ['65 hex chars', 'a'.repeat(65)],
    ['not hex', 'z'.repeat(64)],
    ['wrong', 'a'.repeat(64)],
  ])('refuses a signature that is %s', async (_, signature) => {
    const event = signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body: '{}' });
    if (signature === undefined) delete event.headers['x-signature'];
    else event.headers['x-signature'] = signature;
    const res = await invoke(create, event);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 40101, message: '签名验证失败', data: null });
  });

  it('refuses a repeated signature header even when one copy is right', async () => {
    const event = signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body: '{}' });
    event.headers['x-signature'] = `${event.headers['x-signature']},${event.headers['x-signature']}`;
    expect((await invoke(create, event)).body.code).toBe(40101);
  });

  it('refuses a signature made with another secret', async () => {
    expect((await post({}, { appId: creds.appId, appSecret: 'another' })).body.code).toBe(40101);
  });

  it('refuses a body re-serialised after signing', async () => {
    const event = signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body: '{"a": 1}' });
    event.body = '{"a":1}';
    expect((await invoke(create, event)).body.code).toBe(40101);
  });

  it('keeps the public message generic and the signature and secret out of the log', async () => {
    const info = vi.spyOn(logger, 'info');
    const event = signedEvent(
      { appId: creds.appId, appSecret: 'another' },
      { method: 'POST', path: '/api/v1/intents', body: '{}' },
    );
    const res = await invoke(create, event);
    expect(res.body.message).toBe('签名验证失败');
    const logged = JSON.stringify(info.mock.calls);
    expect(logged).toContain('signature does not match');
    expect(logged).not.toContain(event.headers['x-signature']);
    expect(logged).not.toContain(creds.appSecret);
  });
});

describe('IP whitelist (40301)', () => {
  it.each([
    [['203.0.113.0/24'], '203.0.113.7', 200],
    [['203.0.113.0/24'], '198.51.100.1', 403],
    [['198.51.100.9'], '198.51.100.9', 200],
    [['2001:db8::/32'], '2001:db8:1::5', 200],
    [['2001:db8::/32'], '2001:db9::1', 403],
    [['10.0.0.0/8', '2001:db8::/32'], '10.1.2.3', 200],
  ])('whitelist %j and source %s: %i', async (ipWhitelist, sourceIp, status) => {
    mockAuthenticatedApp(ddbMock, creds, { ipWhitelist });
    const res = await get({ sourceIp });
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body.code).toBe(40301);
  });

  it('never trusts X-Forwarded-For', async () => {
    mockAuthenticatedApp(ddbMock, creds, { ipWhitelist: ['203.0.113.0/24'] });
    const res = await get({ sourceIp: '198.51.100.1', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(res.body.code).toBe(40301);
  });

  it('comes after the signature check', async () => {
    mockAuthenticatedApp(ddbMock, creds, { ipWhitelist: ['203.0.113.0/24'] });
    const res = await post({ sourceIp: '198.51.100.1' }, { appId: creds.appId, appSecret: 'wrong' });
    expect(res.body.code).toBe(40101);
  });
});

describe('replay guard', () => {
  it('refuses a write whose signature was already used, with 40101', async () => {
    mockAuthenticatedApp(ddbMock, creds, { replayed: true });
    const res = await post();
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(40101);
    expect(handled).toEqual([]);
  });

  it('stores the signature lower case, so a case change is the same signature', async () => {
    const event = signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body: '{}' });
    const signature = event.headers['x-signature']!;
    event.headers['x-signature'] = signature.toUpperCase();
    await invoke(create, event);
    const put = ddbMock.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.Item?.pk).toBe(`REPLAY#${creds.appId}#${signature.toLowerCase()}`);
    expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
    // Kept past the end of the window the timestamp could still be accepted in.
    const timestamp = Number(event.headers['x-timestamp']);
    expect(put.Item?.expiresAt).toBeGreaterThan((timestamp + 300_000) / 1000);
  });

  it('guards PUT and DELETE too, and not GET', async () => {
    await invoke(update, signedEvent(creds, { method: 'PUT', path: '/api/v1/intents/intent_1', body: '{}' }));
    expect(ddbMock.commandCalls(PutCommand)).toHaveLength(1);
    await get();
    expect(ddbMock.commandCalls(PutCommand)).toHaveLength(1);
  });
});

describe('rate limits (42901)', () => {
  it('refuses a write over the limit before it writes, with Retry-After and the headers', async () => {
    mockAuthenticatedApp(ddbMock, creds, { rateLimited: true });
    const res = await post();
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: 42901, data: null });
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers).toMatchObject({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' });
    expect(handled).toEqual([]);
  });

  it('turns a read over the limit into a 429 after the handler ran alongside the counter', async () => {
    mockAuthenticatedApp(ddbMock, creds, { rateLimited: true });
    const res = await get();
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['x-ratelimit-limit']).toBe('100');
  });

  it('answers 429 when a read over the limit also failed in the handler', async () => {
    mockAuthenticatedApp(ddbMock, creds, { rateLimited: true });
    const res = await invoke(getOne, signedEvent(creds, { path: '/api/v1/intents/intent_1' }));
    expect(res.status).toBe(429);
  });

  it('keeps the handler error and adds the headers when a failing read is within the limit', async () => {
    const res = await invoke(getOne, signedEvent(creds, { path: '/api/v1/intents/intent_1' }));
    expect(res.status).toBe(404);
    expect(res.headers['x-ratelimit-limit']).toBe('100');
  });

  it('uses the per-class overrides of the app', async () => {
    mockAuthenticatedApp(ddbMock, creds, { limits: { create: 3, query: 7 } });
    expect((await post()).headers['x-ratelimit-limit']).toBe('3');
    expect((await get()).headers['x-ratelimit-limit']).toBe('7');
    const update = ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ExpressionAttributeValues?.[':limit']).toBe(3);
  });

  it('counts in one conditional ADD on the current second', async () => {
    await post();
    const input = ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: `RATE#${creds.appId}#create`, sk: String(Math.floor(Date.now() / 1000)) });
    expect(input.UpdateExpression).toContain('ADD');
    expect(input.ConditionExpression).toContain('< :limit');
  });
});

describe('DynamoDB throttling fails safe (503/50301)', () => {
  const throttled = () => Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });

  it('on the write counter', async () => {
    ddbMock.on(UpdateCommand).rejects(throttled());
    const res = await post();
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(50301);
    expect(res.headers['retry-after']).toBeDefined();
    expect(handled).toEqual([]);
  });

  it('on the read counter', async () => {
    ddbMock.on(UpdateCommand).rejects(throttled());
    const res = await get();
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(50301);
  });

  it('on the replay guard', async () => {
    ddbMock.on(PutCommand).rejects(throttled());
    expect((await post()).status).toBe(503);
  });

  it('on the registry read', async () => {
    ddbMock.reset();
    mockAuthenticatedApp(ddbMock, creds);
    ddbMock.on(GetCommand).rejects(throttled());
    expect((await post()).status).toBe(503);
  });
});

describe('signature scheme', () => {
  it('signs METHOD + PATH?QUERY + TIMESTAMP + BODY with no separators', () => {
    // Reference value computed independently: printf '%s' 'POST/api/v1/intents?a=11700000000000{}' | openssl dgst -sha256 -hmac k
    const expected = sign('k', 'POST', '/api/v1/intents?a=1', '1700000000000', '{}');
    expect(expected).toBe(sign('k', 'POST', '/api/v1/intents?a=1', '1700000000000', Buffer.from('{}')));
    // The method is signed as it arrived: a lower-case method is a different request and fails verification.
    expect(expected).not.toBe(sign('k', 'post', '/api/v1/intents?a=1', '1700000000000', '{}'));
    expect(expected).toBe('5a5b7c9fb8a3910007091abb0b440ccfdc38db559d8ae9fefc2dbe8f29ea17b1');
  });

  it('signs a non-ASCII body as its UTF-8 bytes, given as text or as bytes', () => {
    // printf '%s' 'POST/api/v1/intents1700000000000{"title":"张三"}' | openssl dgst -sha256 -hmac k
    const reference = 'b7542dc78b560810e86f2eb3a6f917ee142167917a263d62b52a7adae2c12300';
    const body = '{"title":"张三"}';
    expect(sign('k', 'POST', '/api/v1/intents', '1700000000000', body)).toBe(reference);
    expect(sign('k', 'POST', '/api/v1/intents', '1700000000000', Buffer.from(body, 'utf8'))).toBe(reference);
    expect(sign(createSecretKey('k', 'utf8'), 'POST', '/api/v1/intents', '1700000000000', body)).toBe(reference);
  });
});
