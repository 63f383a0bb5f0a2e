// The API description and the docs page through the local server, the way a browser or Postman reaches them.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '../../local/server';
import { sign } from '../../shared/auth/signature';
import { routes } from '../../shared/routes';
import { lintOpenApi } from '../../tools/openapi-lint';
import { createTestApp } from '../support/apps';

const server = createLocalServer();
let base = '';

beforeAll(async () => {
  await new Promise<void>((done) => server.listen({ port: 0, host: '127.0.0.1' }, () => done()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

describe('local runtime: API description and docs', () => {
  it('serves a valid OpenAPI document without signature, covering every route', async () => {
    const res = await fetch(`${base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const document = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect((await lintOpenApi(document)).valid).toBe(true);
    for (const route of routes) expect(document.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
    // Tools that read it (Redoc's "try it", Postman's import) send requests to the host that served it.
    expect((document as unknown as { servers: { url: string }[] }).servers[0]?.url).toBe(base);
  });

  it('answers other methods on the document with 405, as for any route', async () => {
    const res = await fetch(`${base}/api/v1/openapi.json`, { method: 'DELETE' });
    expect(res.status).toBe(405);
  });

  it('serves the Redoc page at /docs pointing at the document, with its script from node_modules', async () => {
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('spec-url="/api/v1/openapi.json"');
    const src = /<script src="([^"]+)"/.exec(html)?.[1];
    expect(src).toBe('/docs/redoc.standalone.js');
    const script = await fetch(`${base}${src}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });

  it('leaves other paths to the API', async () => {
    const res = await fetch(`${base}/docs/other`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: number }).code).toBe(40401);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: reading the JSON document
type Doc = any;

/** The query string of every parameter that has an example, deepObject parameters spelled out, encoded as sent. */
function exampleQuery(parameters: Doc[]): string {
  const pairs: [string, string][] = [];
  for (const p of parameters) {
    if (p.in !== 'query' || p.example === undefined) continue;
    if (p.style === 'deepObject') {
      for (const [field, ops] of Object.entries(p.example as Record<string, Record<string, string>>))
        for (const [op, value] of Object.entries(ops)) pairs.push([`${p.name}[${field}][${op}]`, value]);
    } else pairs.push([p.name, String(p.example)]);
  }
  return new URLSearchParams(pairs).toString();
}

describe('OpenAPI examples against the local runtime', () => {
  it('every request example gets the documented answer', async () => {
    const document = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as Doc;
    const creds = await createTestApp();
    // Create first (its id fills the {id} paths), delete last: each example runs where it makes sense.
    const order = ['post /api/v1/intents', 'get /api/v1/intents', 'get /api/v1/intents/{id}'];
    const operations = Object.entries(document.paths as Record<string, Doc>)
      .flatMap(([path, methods]) =>
        Object.entries(methods as Doc).map(([method, op]) => ({ path, method, op: op as Doc })),
      )
      .sort((a, b) => {
        const rank = (o: { path: string; method: string }) => {
          const at = order.indexOf(`${o.method} ${o.path}`);
          return o.method === 'delete' ? 99 : at === -1 ? 50 : at;
        };
        return rank(a) - rank(b);
      });
    expect(operations.map((o) => o.method).at(-1)).toBe('delete');
    let id = '';
    const answered: string[] = [];
    for (const { path, method, op } of operations) {
      const [documented] = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      const bodyExample = op.requestBody?.content['application/json'].example;
      const body = bodyExample === undefined ? '' : JSON.stringify(bodyExample);
      const query = exampleQuery(op.parameters ?? []);
      const target = `${path.replace('{id}', id)}${query ? `?${query}` : ''}`;
      const timestamp = String(Date.now());
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if ((op.security ?? []).length > 0) {
        headers['x-app-id'] = creds.appId;
        headers['x-timestamp'] = timestamp;
        headers['x-signature'] = sign(creds.appSecret, method.toUpperCase(), target, timestamp, body);
      }
      for (const p of op.parameters ?? []) if (p.in === 'header' && p.example) headers[p.name] = String(p.example);
      const res = await fetch(`${base}${target}`, { method: method.toUpperCase(), headers, body: body || undefined });
      const answer = (await res.json()) as Doc;
      expect(`${method} ${path} ${res.status}`, JSON.stringify(answer)).toBe(`${method} ${path} ${documented}`);
      const example = op.responses[documented!].content['application/json'].example;
      if (example.code !== undefined) {
        expect(answer.code).toBe(0);
        // The answer has the documented shape: every field the schema requires is there.
        const dataSchema = op.responses[documented!].content['application/json'].schema.properties.data;
        const schema = dataSchema.$ref ? document.components.schemas[dataSchema.$ref.split('/').at(-1)] : dataSchema;
        expect(schema.required?.length).toBeGreaterThan(0);
        for (const key of schema.required) expect(answer.data).toHaveProperty(key);
      } else expect(answer.openapi).toBe(example.openapi);
      if (method === 'post' && path === '/api/v1/intents') id = answer.data.id;
      if (method === 'get' && path === '/api/v1/intents') expect(answer.data.items.map((i: Doc) => i.id)).toContain(id);
      answered.push(`${method} ${path}`);
    }
    expect(answered).toHaveLength(routes.length);
  });
});
