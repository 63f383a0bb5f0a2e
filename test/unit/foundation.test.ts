import { describe, expect, it } from 'vitest';
import { handler as health } from '../../functions/health';
import { handler as notFound } from '../../functions/not-found';
import { buildHandler } from '../../shared/http/handler';
import { REQUEST_ID_PATTERN } from '../../shared/http/request-id';
import { matchRoute, routes } from '../../shared/routes';
import { httpEvent, invoke } from '../support/events';

describe('health', () => {
  it('answers ok in the envelope with a request id and no auth', async () => {
    const res = await invoke(health, httpEvent({ path: '/api/v1/health' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-request-id']).toMatch(REQUEST_ID_PATTERN);
    expect(res.body).toMatchObject({ code: 0, message: '操作成功', data: { status: 'ok' } });
    expect(new Date(res.body.data.time).toISOString()).toBe(res.body.data.time);
  });

  it('gives every response its own request id', async () => {
    const a = await invoke(health, httpEvent({ path: '/api/v1/health' }));
    const b = await invoke(health, httpEvent({ path: '/api/v1/health' }));
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('refuses URLs over 8192 characters with 414/40001', async () => {
    const res = await invoke(health, httpEvent({ path: '/api/v1/health', query: `q=${'a'.repeat(8200)}` }));
    expect(res.status).toBe(414);
    expect(res.body.code).toBe(40001);
  });
});

describe('catch-all', () => {
  it('answers an unknown path with 404/40401 in the envelope', async () => {
    const res = await invoke(notFound, httpEvent({ path: '/api/v1/nope' }));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 40401, data: null });
    expect(res.headers['x-request-id']).toMatch(REQUEST_ID_PATTERN);
  });

  it('answers an unknown path with a query string with 404, not a query refusal', async () => {
    const res = await invoke(notFound, httpEvent({ path: '/api/v1/nope', query: 'page=1' }));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 40401, message: '接口不存在', data: null });
  });

  it('answers a wrong method on a known path with 405/40001 and Allow', async () => {
    const res = await invoke(notFound, httpEvent({ method: 'PATCH', path: '/api/v1/intents/intent_X' }));
    expect(res.status).toBe(405);
    expect(res.body.code).toBe(40001);
    expect(res.headers.allow).toBe('GET, PUT, DELETE');
  });
});

describe('route table', () => {
  it('matches path parameters', () => {
    expect(matchRoute('GET', '/api/v1/intents/intent_1/events').match?.pathParameters).toEqual({ id: 'intent_1' });
    expect(matchRoute('POST', '/api/v1/intents').match?.route.handler).toBe('intents-create');
  });

  it('names each method and path once', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the handler builder', () => {
  it('refuses, at load, to build a signed, console or operator route without its caller check', () => {
    for (const name of ['intents-create', 'console-apps-list', 'console-ops-queue'] as const)
      expect(() => buildHandler(name, async () => ({ data: null }))).toThrow(/caller to check/);
    expect(() => buildHandler('health', async () => ({ data: null }))).not.toThrow();
  });
});
