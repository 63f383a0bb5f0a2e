import { createHmac } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { sign } from '../../shared/auth/signature';
import { buildOpenApiDocument } from '../../shared/openapi/document';
import { buildPostmanCollection } from '../../shared/openapi/postman';
import { routes } from '../../shared/routes';

const collection = buildPostmanCollection(buildOpenApiDocument());
const script = collection.event[0]!.script.exec.join('\n');

/** Runs the pre-request script against a stand-in for Postman's `pm` and `CryptoJS`; returns the headers set. */
function runScript(o: { method: string; url: string; body?: string; vars: Record<string, string> }) {
  const headers: Record<string, string> = {};
  const replaceIn = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => o.vars[k] ?? '');
  const pm = {
    collectionVariables: { get: (k: string) => o.vars[k] },
    variables: { replaceIn },
    request: {
      method: o.method,
      url: {
        toString: () => o.url,
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
  runInNewContext(script, { pm, CryptoJS, Date, String });
  return headers;
}

describe('Postman collection', () => {
  it('has one request per route, addressed through {{baseUrl}}', () => {
    expect(collection.item).toHaveLength(routes.length);
    for (const route of routes) {
      const path = route.path.replace('{id}', '{{intentId}}');
      expect(collection.item.map((i) => `${i.request.method} ${i.request.url.raw}`)).toContain(
        `${route.method} {{baseUrl}}${path}`,
      );
    }
    expect(collection.variable.map((v) => v.key)).toEqual(['baseUrl', 'appId', 'appSecret', 'intentId']);
  });

  it('signs a request with a body exactly as the server verifies it (CONTRACT 2)', () => {
    const body = '{"status":"SUBMITTED","title":"中文"}';
    const vars = { baseUrl: 'http://localhost:3000', appId: 'app_1', appSecret: 's3cret', intentId: 'intent_X' };
    const h = runScript({ method: 'put', url: '{{baseUrl}}/api/v1/intents/{{intentId}}', body, vars });
    expect(h['X-App-Id']).toBe('app_1');
    expect(h['X-Timestamp']).toMatch(/^\d{13}$/);
    expect(h['X-Signature']).toBe(sign('s3cret', 'PUT', '/api/v1/intents/intent_X', h['X-Timestamp']!, body));
  });

  it('signs the query string as sent and an empty body', () => {
    const vars = { baseUrl: 'https://api.example.com', appId: 'a', appSecret: 'k' };
    const url = '{{baseUrl}}/api/v1/intents?page=2&filter%5Bstatus%5D=DRAFT';
    const h = runScript({ method: 'GET', url, vars });
    expect(h['X-Signature']).toBe(
      sign('k', 'GET', '/api/v1/intents?page=2&filter%5Bstatus%5D=DRAFT', h['X-Timestamp']!, ''),
    );
  });

  it('leaves the open routes unsigned', () => {
    const vars = { baseUrl: 'http://localhost:3000', appId: 'a', appSecret: 'k' };
    expect(runScript({ method: 'GET', url: '{{baseUrl}}/api/v1/health', vars })).toEqual({});
    expect(runScript({ method: 'GET', url: '{{baseUrl}}/api/v1/openapi.json', vars })).toEqual({});
  });
});

describe('the batch create in the collection', () => {
  it('carries an example batch body', () => {
    const request = collection.item.find((i) => i.request.url.raw.endsWith('/intents/batch'))!;
    expect(request.request.method).toBe('POST');
    expect(JSON.parse(request.request.body!.raw).items.length).toBeGreaterThan(0);
  });
});
