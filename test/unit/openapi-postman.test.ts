import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { sign } from '../../shared/auth/signature';
import { buildOpenApiDocument } from '../../shared/openapi/document';
import { routes } from '../../shared/routes';
import { buildPostmanCollection } from '../../tools/postman';

const collection = buildPostmanCollection(buildOpenApiDocument());
const script = collection.event[0]!.script.exec.join('\n');

/**
 * Runs the pre-request script against a stand-in for Postman's `pm` and `crypto-js`; returns the headers set and
 * the URL the request goes out with.
 */
function runScript(o: { method: string; url: string; body?: string; vars: Record<string, string> }) {
  const headers: Record<string, string> = {};
  const replaceIn = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => o.vars[k] ?? '');
  let sent = o.url;
  const pm = {
    variables: { replaceIn, get: (k: string) => o.vars[k] },
    request: {
      method: o.method,
      url: {
        toString: () => sent,
        update: (url: string) => {
          sent = url;
        },
        getPath: () =>
          replaceIn(o.url)
            .replace(/^[a-z]+:\/\/[^/]+/i, '')
            .split('?')[0],
      },
      body: o.body === undefined ? undefined : { mode: 'raw', raw: o.body },
      headers: { upsert: (h: { key: string; value: string }) => (headers[h.key] = h.value) },
    },
  };
  const CryptoJS = {
    enc: { Hex: 'hex' },
    HmacSHA256: (message: string, key: string) => ({
      toString: () => createHmac('sha256', key).update(message, 'utf8').digest('hex'),
    }),
  };
  const require = (name: string) => {
    if (name !== 'crypto-js') throw new Error(`the sandbox has no ${name}`);
    return CryptoJS;
  };
  runInNewContext(script, { pm, require, Date, String, decodeURIComponent, encodeURIComponent, Error });
  return { headers, sent: replaceIn(sent) };
}

describe('Postman collection', () => {
  it('has one request per route, addressed through {{baseUrl}}, each with tests', () => {
    expect(collection.item).toHaveLength(routes.length);
    const requests = collection.item.map((i) => `${i.request.method} ${i.request.url.raw.split('?')[0]}`);
    for (const route of routes)
      expect(requests).toContain(`${route.method} {{baseUrl}}${route.path.replace('{id}', '{{intentId}}')}`);
    for (const item of collection.item)
      expect(item.event[0]!.script.exec.join('\n')).toContain('pm.response.to.have.status(');
    expect(collection.variable.map((v) => v.key)).toEqual(['baseUrl', 'appId', 'appSecret', 'intentId']);
  });

  it('runs create before the requests that use its id, and delete last', () => {
    const order = collection.item.map((i) => `${i.request.method} ${i.request.url.raw.split('?')[0]}`);
    const create = order.indexOf('POST {{baseUrl}}/api/v1/intents');
    for (const [at, name] of order.entries()) if (name.includes('{{intentId}}')) expect(at).toBeGreaterThan(create);
    expect(order.at(-1)).toBe('DELETE {{baseUrl}}/api/v1/intents/{{intentId}}');
  });

  it('signs a request with a body exactly as the server verifies it', () => {
    const body = '{"status":"SUBMITTED","title":"中文"}';
    const vars = { baseUrl: 'http://localhost:3000', appId: 'app_1', appSecret: 's3cret', intentId: 'intent_X' };
    const { headers } = runScript({ method: 'put', url: '{{baseUrl}}/api/v1/intents/{{intentId}}', body, vars });
    expect(headers['X-App-Id']).toBe('app_1');
    expect(headers['X-Timestamp']).toMatch(/^\d{13}$/);
    expect(headers['X-Signature']).toBe(
      sign('s3cret', 'PUT', '/api/v1/intents/intent_X', headers['X-Timestamp']!, body),
    );
  });

  it('sends the query fully encoded and signs it as sent: brackets, Chinese text, spaces, already-encoded text', () => {
    const vars = { baseUrl: 'https://api.example.com', appId: 'a', appSecret: 'k' };
    const url = "{{baseUrl}}/api/v1/intents?page=2&filter[title][like]=商品 Apple's&filter%5Bstatus%5D=DRAFT";
    const { headers, sent } = runScript({ method: 'GET', url, vars });
    const query = 'page=2&filter%5Btitle%5D%5Blike%5D=%E5%95%86%E5%93%81%20Apple%27s&filter%5Bstatus%5D=DRAFT';
    expect(sent).toBe(`https://api.example.com/api/v1/intents?${query}`);
    expect(headers['X-Signature']).toBe(sign('k', 'GET', `/api/v1/intents?${query}`, headers['X-Timestamp']!, ''));
  });

  it('reads credentials from any variable scope and refuses to send without them', () => {
    expect(() => runScript({ method: 'GET', url: 'http://x/api/v1/intents', vars: {} })).toThrow(/appId and appSecret/);
  });

  it('leaves the open routes unsigned', () => {
    const vars = { baseUrl: 'http://localhost:3000', appId: 'a', appSecret: 'k' };
    expect(runScript({ method: 'GET', url: '{{baseUrl}}/api/v1/health', vars }).headers).toEqual({});
    expect(runScript({ method: 'GET', url: '{{baseUrl}}/api/v1/openapi.json', vars }).headers).toEqual({});
  });

  it('is published in docs/ as generated (npm run postman refreshes it)', () => {
    const published = JSON.parse(readFileSync('docs/postman_collection.json', 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(collection)));
  });
});

describe('the batch create in the collection', () => {
  it('carries an example batch body', () => {
    const request = collection.item.find((i) => i.request.url.raw.endsWith('/intents/batch'))!;
    expect(request.request.method).toBe('POST');
    expect(JSON.parse(request.request.body!.raw).items.length).toBeGreaterThan(0);
  });
});
