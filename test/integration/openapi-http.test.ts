// The API description and the docs page through the local server, the way a browser or Postman reaches them.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '../../lib/local/server';
import { lintOpenApi } from '../../shared/openapi/lint';
import { routes } from '../../shared/routes';

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
