// API reference: Authentication, Rate limits observed over HTTP: the local runtime's server (in-process, on the test DynamoDB Local)
// in front of the real intent handlers, with requests written byte for byte as a partner's client sends them.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '../../local/server';
import { DEV_APP_ID, DEV_APP_SECRET } from '../../shared/apps/app';
import { createApp } from '../../shared/apps/registry';
import { sign } from '../../shared/auth/signature';
import { createTestApp } from '../support/apps';
import type { Credentials } from '../support/events';

const server = createLocalServer();
let port = 0;

beforeAll(async () => {
  await new Promise<void>((done) => server.listen({ port: 0, host: '127.0.0.1' }, () => done()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { code: number; message: string; data: unknown };
}

interface Send {
  method?: string;
  target: string;
  body?: string | Buffer;
  headers?: Record<string, string | string[]>;
}

function send({ method = 'GET', target, body, headers = {} }: Send): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString()) }),
      );
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Signs exactly the bytes and target that go on the wire. */
function signed(creds: Credentials, o: Send & { timestamp?: string }): Send {
  const method = o.method ?? 'GET';
  const timestamp = o.timestamp ?? String(Date.now());
  return {
    ...o,
    method,
    headers: {
      'x-app-id': creds.appId,
      'x-timestamp': timestamp,
      'x-signature': sign(creds.appSecret, method, o.target, timestamp, o.body ?? ''),
      ...o.headers,
    },
  };
}

const intent = (title: string) =>
  JSON.stringify({
    userId: 'user_1',
    platform: 'JD',
    productUrl: 'https://item.jd.com/100012043978.html',
    title,
    price: 19.99,
    quantity: 3,
    recipientName: '张三',
    address: '北京市朝阳区建国路 1 号',
    phone: '13800138000',
  });

let creds: Credentials;
beforeAll(async () => {
  creds = await createTestApp();
});

describe('over HTTP', () => {
  it('accepts a signed POST with Chinese text, +, %20 and %2F in the body, and refuses its replay', async () => {
    const req = signed(creds, { method: 'POST', target: '/api/v1/intents', body: intent('测试 a+b %20 a%2Fb') });
    const res = await send(req);
    expect(res.status).toBe(201);
    expect(res.headers['x-ratelimit-limit']).toBe('10');
    expect(res.headers['x-ratelimit-remaining']).toBeDefined();
    expect(res.headers['x-ratelimit-reset']).toMatch(/^\d{10}$/);
    const replay = await send(req);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 40101, message: '签名验证失败', data: null });
  });

  it('verifies a binary-typed body, which arrives base64-encoded, over its bytes', async () => {
    const body = Buffer.from(intent('二进制 body'), 'utf8');
    const res = await send(
      signed(creds, {
        method: 'POST',
        target: '/api/v1/intents',
        body,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    );
    expect(res.status).toBe(201);
  });

  it('verifies the query string exactly as sent: percent-encoded Chinese, +, %20 and %2F', async () => {
    const target = '/api/v1/intents?filter[title][like]=%E6%B5%8B%E8%AF%95+a%20b%2Fc&page=1';
    const res = await send(signed(creds, { target }));
    expect(res.status).toBe(200);
    expect(res.headers['x-ratelimit-limit']).toBe('100');
    // The same request signed over the decoded query is refused.
    const decoded = signed(creds, { target: '/api/v1/intents?filter[title][like]=测试 a b/c&page=1' });
    expect((await send({ ...decoded, target })).body.code).toBe(40101);
  });

  it.each([
    ['no X-Timestamp', { 'x-timestamp': '' }, 40102],
    ['a timestamp 6 minutes old', { 'x-timestamp': String(Date.now() - 360_000) }, 40102],
    ['a timestamp 6 minutes ahead', { 'x-timestamp': String(Date.now() + 360_000) }, 40102],
    ['an unknown app', { 'x-app-id': 'app_nobody' }, 40103],
    ['a wrong signature', { 'x-signature': 'f'.repeat(64) }, 40101],
    ['a malformed signature', { 'x-signature': 'xyz' }, 40101],
  ])('refuses %s', async (_, headers, code) => {
    const req = signed(creds, { target: '/api/v1/intents' });
    const res = await send({ ...req, headers: { ...req.headers, ...headers } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(code);
  });

  it('refuses auth headers sent twice on the wire', async () => {
    const req = signed(creds, { target: '/api/v1/intents' });
    const h = req.headers as Record<string, string>;
    expect(
      (await send({ ...req, headers: { ...h, 'x-signature': [h['x-signature']!, h['x-signature']!] } })).body.code,
    ).toBe(40101);
    expect((await send({ ...req, headers: { ...h, 'x-app-id': [creds.appId, creds.appId] } })).body.code).toBe(40103);
    expect(
      (await send({ ...req, headers: { ...h, 'x-timestamp': [h['x-timestamp']!, h['x-timestamp']!] } })).body.code,
    ).toBe(40102);
  });

  it('refuses a caller outside the whitelist with 403/40301, whatever X-Forwarded-For says', async () => {
    const walled = await createTestApp({ ipWhitelist: ['203.0.113.0/24'] });
    const res = await send(
      signed(walled, { target: '/api/v1/intents', headers: { 'x-forwarded-for': '203.0.113.9' } }),
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(40301);
    const open = await createTestApp({ ipWhitelist: ['127.0.0.0/8', '::1/128'] });
    expect((await send(signed(open, { target: '/api/v1/intents' }))).status).toBe(200);
  });

  it('answers 429/42901 with Retry-After and the rate-limit headers over the limit', async () => {
    const limited = await createTestApp({ limits: { query: 2 } });
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
    const replies = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) => send(signed(limited, { target: `/api/v1/intents?page=${i}` }))),
    );
    const refused = replies.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.body.code).toBe(42901);
      expect(r.headers['retry-after']).toBe('1');
      expect(r.headers['x-ratelimit-remaining']).toBe('0');
      expect(r.headers['x-ratelimit-limit']).toBe('2');
    }
  });

  it('never accepts the dev app outside the local runtime, even when its item exists', async () => {
    delete process.env.LOCAL_RUNTIME;
    await createApp({ name: 'dev app copied', appId: DEV_APP_ID, appSecret: DEV_APP_SECRET });
    const res = await send(signed({ appId: DEV_APP_ID, appSecret: DEV_APP_SECRET }, { target: '/api/v1/intents' }));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(40103);
  });

  it('leaves health unauthenticated and without rate-limit headers', async () => {
    const res = await send({ target: '/api/v1/health' });
    expect(res.status).toBe(200);
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
  });
});
