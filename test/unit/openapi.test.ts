import { describe, expect, it } from 'vitest';
import { handler as openapi } from '../../functions/openapi';
import { ErrorCodes } from '../../shared/http/errors';
import { REQUEST_ID_PATTERN } from '../../shared/http/request-id';
import { buildOpenApiDocument } from '../../shared/openapi/document';
import { routes } from '../../shared/routes';
import { REQUIRED_CREATE_FIELDS } from '../../shared/schemas/intent';
import { FILTER_FIELDS } from '../../shared/schemas/list-query';
import { lintOpenApi } from '../../tools/openapi-lint';
import { httpEvent, invoke } from '../support/events';

// biome-ignore lint/suspicious/noExplicitAny: walking a JSON document
type Doc = any;
const doc: Doc = buildOpenApiDocument();
const op = (method: string, path: string) => doc.paths[path]?.[method.toLowerCase()];
const codesOf = (operation: Doc, status: number): number[] => [
  ...(operation.responses[String(status)]?.content['application/json'].schema.allOf[1].properties.code.enum ?? []),
];

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await lintOpenApi(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('the linter refuses a broken document, so the check above can fail', async () => {
    const broken = structuredClone(doc);
    broken.paths['/api/v1/health'].get.responses = 'none';
    expect((await lintOpenApi(broken)).valid).toBe(false);
  });

  it('describes every route of the route table', () => {
    for (const route of routes) expect(op(route.method, route.path), `${route.method} ${route.path}`).toBeDefined();
    const described = Object.values(doc.paths).flatMap((p) => Object.keys(p as object));
    expect(described).toHaveLength(routes.length);
  });

  it('requires the three signature headers exactly on signed routes', () => {
    expect(Object.keys(doc.components.securitySchemes).map((k) => doc.components.securitySchemes[k].name)).toEqual([
      'X-App-Id',
      'X-Timestamp',
      'X-Signature',
    ]);
    expect(doc.components.securitySchemes.appId.description).toContain('METHOD + PATH + TIMESTAMP + BODY');
    for (const route of routes) {
      const security = op(route.method, route.path).security;
      if (route.auth) expect(security).toEqual([{ appId: [], timestamp: [], signature: [] }]);
      else expect(security).toEqual([]);
    }
  });

  it('lists the auth codes on signed routes and none on open ones', () => {
    for (const route of routes) {
      const operation = op(route.method, route.path);
      expect(codesOf(operation, 401).sort()).toEqual(route.auth ? [40101, 40102, 40103] : []);
      expect(codesOf(operation, 429)).toEqual(route.auth ? [42901] : []);
      expect(codesOf(operation, 500)).toEqual([50001]);
      expect(codesOf(operation, 503)).toEqual([50301]);
    }
  });

  it('uses every error code of the error model somewhere', () => {
    const used = new Set(
      routes.flatMap((r) =>
        Object.keys(op(r.method, r.path).responses)
          .map(Number)
          .filter((s) => s >= 400)
          .flatMap((s) => codesOf(op(r.method, r.path), s)),
      ),
    );
    for (const { code } of Object.values(ErrorCodes)) expect(used, String(code)).toContain(code);
  });

  it('gives each route the codes its handler can answer', () => {
    expect(codesOf(op('POST', '/api/v1/intents'), 409)).toEqual([40901]);
    expect(codesOf(op('POST', '/api/v1/intents'), 400).sort()).toEqual([40001, 40002, 40003]);
    expect(codesOf(op('PUT', '/api/v1/intents/{id}'), 409)).toEqual([40902]);
    expect(codesOf(op('DELETE', '/api/v1/intents/{id}'), 409)).toEqual([40902]);
    expect(codesOf(op('GET', '/api/v1/intents/{id}'), 404)).toEqual([40401]);
    expect(codesOf(op('GET', '/api/v1/intents/{id}'), 403).sort()).toEqual([40301, 40302]);
    expect(codesOf(op('GET', '/api/v1/intents'), 400)).toEqual([40001]);
    expect(codesOf(op('GET', '/api/v1/intents'), 414)).toEqual([40001]);
    expect(codesOf(op('PUT', '/api/v1/intents/{id}'), 400).sort()).toEqual([40001, 40002, 40003]);
    expect(codesOf(op('GET', '/api/v1/intents/{id}'), 400)).toEqual([]);
    expect(codesOf(op('GET', '/api/v1/health'), 413)).toEqual([40001]);
  });

  it('documents the path id, the Idempotency-Key header and every list parameter', () => {
    for (const route of routes.filter((r) => r.path.includes('{id}'))) {
      expect(op(route.method, route.path).parameters).toContainEqual(
        expect.objectContaining({ name: 'id', in: 'path', required: true }),
      );
    }
    const idem = op('POST', '/api/v1/intents').parameters.find((p: Doc) => p.name === 'Idempotency-Key');
    expect(idem).toMatchObject({ in: 'header', schema: { pattern: '^[A-Za-z0-9_-]{1,64}$' } });
    const list = op('GET', '/api/v1/intents').parameters;
    const names = list.map((p: Doc) => p.name);
    for (const name of ['page', 'pageSize', 'status', 'userId', 'platform', 'startDate', 'endDate', 'startTime'])
      expect(names).toContain(name);
    for (const name of ['endTime', 'sortBy', 'order', 'sortOrder', 'fields', 'cursor']) expect(names).toContain(name);
    const filter = list.find((p: Doc) => p.name === 'filter');
    expect(filter).toMatchObject({ in: 'query', style: 'deepObject', explode: true });
    expect(filter.schema.propertyNames.enum).toEqual([...FILTER_FIELDS]);
  });

  it('takes the request bodies from the zod schemas, rules included', () => {
    const create = doc.components.schemas.CreateIntent;
    expect(create.required).toEqual(REQUIRED_CREATE_FIELDS);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.quantity).toMatchObject({ type: 'integer', minimum: 1, maximum: 9999 });
    expect(create.properties.price).toMatchObject({ exclusiveMinimum: 0, maximum: 1000000, multipleOf: 0.01 });
    expect(create.properties.status.enum).toEqual(['DRAFT', 'SUBMITTED']);
    const update = doc.components.schemas.UpdateIntent;
    expect(update.required ?? []).toEqual([]);
    expect(update.properties.status.enum).toEqual(['SUBMITTED', 'CANCELLED']);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('serves the bare document without signature headers, with a request id', async () => {
    const res = await invoke(openapi, httpEvent({ path: '/api/v1/openapi.json' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-request-id']).toMatch(REQUEST_ID_PATTERN);
    // The same document, its servers entry naming the host that was asked.
    expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument({ serverUrl: 'https://localhost' }))));
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('names the deployed URL, or the host that served it, in servers', async () => {
    const local = httpEvent({ path: '/api/v1/openapi.json', headers: { 'x-forwarded-proto': 'http' } });
    local.requestContext.domainName = '127.0.0.1:3000';
    expect((await invoke(openapi, local)).body).toMatchObject({ servers: [{ url: 'http://127.0.0.1:3000' }] });
    expect(buildOpenApiDocument().servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('is described as the bare document, every other success in the envelope', () => {
    for (const route of routes) {
      const [status, response] = Object.entries(op(route.method, route.path).responses)[0] as [string, Doc];
      expect(Number(status)).toBeLessThan(300);
      const schema = response.content['application/json'].schema;
      if (route.handler === 'openapi') expect(schema.required).toEqual(['openapi', 'info', 'paths']);
      else expect(schema.properties.code).toEqual({ const: 0 });
    }
  });
});

describe('the batch create in the document', () => {
  const batch = op('POST', '/api/v1/intents/batch');

  it('describes its body, answer, examples and codes', () => {
    expect(batch.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateIntentBatch',
    });
    const body = doc.components.schemas.CreateIntentBatch;
    expect(body.properties.items).toMatchObject({ minItems: 1, maxItems: 50 });
    expect(batch.requestBody.content['application/json'].example.items.length).toBeGreaterThan(1);
    expect(batch.responses['200'].content['application/json'].example.data.items).toBeDefined();
    expect(codesOf(batch, 400)).toEqual(expect.arrayContaining([40001, 40002, 40003]));
    expect(codesOf(batch, 409)).toEqual([40901]);
    expect(batch.description).toContain('429');
  });

  it('its example answer is what the API answers the example body (refusals as the single create gives them)', async () => {
    const { checkItems, refusedItem } = await import('../../shared/schemas/batch');
    const request = batch.requestBody.content['application/json'].example;
    const answer = batch.responses['200'].content['application/json'].example.data.items;
    const checks = checkItems(request.items);
    checks.forEach((check, i) => {
      if ('refusal' in check) expect(answer[i]).toEqual(refusedItem(check));
      else expect(answer[i]).toMatchObject({ index: i, code: 0, intent: { userId: check.input.userId } });
    });
  });
});
