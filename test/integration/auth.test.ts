// Signed requests against DynamoDB Local through the real chain: replay guard, the rate-limit counter under
// concurrency, the registry (disable, rotation, whitelist), secrets at rest and the dev app.
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDevApp } from '../../local/dev-app';
import { DEV_APP_ID, DEV_APP_SECRET } from '../../shared/apps/app';
import { rotateSecret, updateApp } from '../../shared/apps/registry';
import { api } from '../../shared/http/api';
import { appKey } from '../../shared/store/keys/app';
import { clearAppCache, createTestApp } from '../support/apps';
import { rawTable } from '../support/dynamo';
import { type Answer, type Credentials, invoke, signedEvent } from '../support/events';

// Test-only handlers on real routes: the real chain around a handler that only answers.
const create = api('intents-create', async () => ({ status: 201, data: null }));
const list = api('intents-list', async () => ({ data: null }));

const post = (creds: Credentials, body = `{"n":${Math.random()}}`) =>
  invoke(create, signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body }));
const get = (creds: Credentials, query = '') => invoke(list, signedEvent(creds, { path: '/api/v1/intents', query }));

afterEach(() => {
  delete process.env.LOCAL_RUNTIME;
  clearAppCache();
});

describe('replay guard', () => {
  it('accepts a write once and refuses the same signed request again, while a re-signed retry passes', async () => {
    const creds = await createTestApp();
    const event = signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body: '{"title":"测试"}' });
    expect((await invoke(create, structuredClone(event))).status).toBe(201);
    const replay = await invoke(create, structuredClone(event));
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe(40101);
    const upperCase = structuredClone(event);
    upperCase.headers['x-signature'] = upperCase.headers['x-signature']!.toUpperCase();
    expect((await invoke(create, upperCase)).body.code).toBe(40101);
    const retry = signedEvent(creds, {
      method: 'POST',
      path: '/api/v1/intents',
      body: '{"title":"测试"}',
      timestamp: String(Date.now() + 1),
    });
    expect((await invoke(create, retry)).status).toBe(201);
  });

  it('does not cover GET: the same signed read can be repeated', async () => {
    const creds = await createTestApp();
    const event = signedEvent(creds, { path: '/api/v1/intents', query: 'page=1' });
    expect((await invoke(list, structuredClone(event))).status).toBe(200);
    expect((await invoke(list, structuredClone(event))).status).toBe(200);
  });
});

/** Fires `count` requests at once, starting just after a second boundary so they usually share one window. */
async function burst(count: number, send: (i: number) => Promise<Answer>): Promise<Answer[]> {
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
  return Promise.all(Array.from({ length: count }, (_, i) => send(i)));
}

/**
 * Groups answers by the window they were counted in (X-RateLimit-Reset). Robust to a burst that crosses a second
 * boundary: in every window at most `limit` pass, and exactly `limit` pass whenever any was refused.
 */
function expectExactLimit(answers: Answer[], limit: number) {
  const windows = new Map<string, { accepted: number; refused: number }>();
  for (const a of answers) {
    expect([200, 201, 429]).toContain(a.status);
    const reset = a.headers['x-ratelimit-reset']!;
    const w = windows.get(reset) ?? { accepted: 0, refused: 0 };
    if (a.status === 429) {
      w.refused++;
      expect(a.body.code).toBe(42901);
      expect(a.headers['retry-after']).toBe('1');
    } else w.accepted++;
    windows.set(reset, w);
    expect(a.headers['x-ratelimit-limit']).toBe(String(limit));
  }
  for (const w of windows.values()) {
    expect(w.accepted).toBeLessThanOrEqual(limit);
    if (w.refused > 0) expect(w.accepted).toBe(limit);
  }
  expect([...windows.values()].some((w) => w.refused > 0)).toBe(true);
  return windows;
}

describe('rate limits under concurrency', () => {
  it('accepts exactly the create limit of a window out of parallel writes, and counts only those', async () => {
    const creds = await createTestApp();
    const answers = await burst(35, (i) => post(creds, `{"n":${i}}`));
    const windows = expectExactLimit(answers, 10);
    const table = rawTable();
    for (const [reset, w] of windows) {
      const counter = await table.get({ pk: `RATE#${creds.appId}#create`, sk: String(Number(reset) - 1) });
      expect(counter?.requests).toBe(w.accepted);
      expect(counter?.expiresAt).toBeGreaterThan(Number(reset));
    }
  });

  it('applies an app override to parallel reads', async () => {
    const creds = await createTestApp({ limits: { query: 5 } });
    expectExactLimit(await burst(15, (i) => get(creds, `i=${i}`)), 5);
  });

  it('gives every class its own window', async () => {
    const creds = await createTestApp({ limits: { create: 1, query: 1 } });
    const [a, b] = await burst(2, (i) => (i === 0 ? post(creds) : get(creds)));
    expect(a!.status).toBe(201);
    expect(b!.status).toBe(200);
  });
});

describe('the registry', () => {
  it('stores secrets sealed, never in plain text', async () => {
    const creds = await createTestApp();
    const item = await rawTable().get(appKey(creds.appId));
    expect(item).toBeDefined();
    expect(JSON.stringify(item)).not.toContain(creds.appSecret);
  });

  it('refuses a disabled app once its cache entry expires, and accepts it again when enabled', async () => {
    const creds = await createTestApp();
    expect((await get(creds)).status).toBe(200);
    await updateApp(creds.appId, { status: 'DISABLED' });
    // Within the cache time the instance still knows the app as active (the documented trade-off).
    expect((await get(creds)).status).toBe(200);
    clearAppCache();
    expect((await get(creds)).body.code).toBe(40103);
    await updateApp(creds.appId, { status: 'ACTIVE' });
    clearAppCache();
    expect((await get(creds)).status).toBe(200);
  });

  it('accepts the old secret after a rotation until it expires', async () => {
    const creds = await createTestApp();
    const { appSecret } = await rotateSecret(creds.appId, 60_000);
    clearAppCache();
    expect((await post(creds)).status).toBe(201);
    expect((await post({ appId: creds.appId, appSecret })).status).toBe(201);
    const again = await rotateSecret(creds.appId, 0);
    clearAppCache();
    expect((await post({ appId: creds.appId, appSecret })).body.code).toBe(40101);
    expect((await post({ appId: creds.appId, appSecret: again.appSecret })).status).toBe(201);
  });

  it('checks the IP whitelist against the source address, IPv4 and IPv6', async () => {
    const creds = await createTestApp({ ipWhitelist: ['203.0.113.0/24', '2001:db8::/48'] });
    const from = (sourceIp: string) => invoke(list, signedEvent(creds, { path: '/api/v1/intents', sourceIp }));
    expect((await from('203.0.113.10')).status).toBe(200);
    expect((await from('2001:db8:0:1::1')).status).toBe(200);
    const refused = await from('127.0.0.1');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe(40301);
  });

  it('answers 40103 for an app id nobody created', async () => {
    expect((await get({ appId: 'app_nobody', appSecret: 'x' })).body.code).toBe(40103);
  });
});

describe('the dev app', () => {
  const dev = { appId: DEV_APP_ID, appSecret: DEV_APP_SECRET };

  it('is created only by the local runtime, once, and accepted only there', async () => {
    await expect(ensureDevApp()).rejects.toThrow(/local runtime/);
    process.env.LOCAL_RUNTIME = 'true';
    await ensureDevApp();
    expect(await ensureDevApp()).toEqual({ created: false });
    expect((await get(dev)).status).toBe(200);
    // The same item, read by a process that is not the local runtime (anything deployed), is refused.
    delete process.env.LOCAL_RUNTIME;
    clearAppCache();
    expect((await get(dev)).body.code).toBe(40103);
  });
});
