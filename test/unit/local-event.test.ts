// The local runtime's API Gateway impersonation: the event must look like what the deployed Lambdas receive.
import { describe, expect, it } from 'vitest';
import { buildEvent, type RawRequest } from '../../local/event';
import { toHttpResponse } from '../../local/response';

const raw = (o: Partial<RawRequest> = {}): RawRequest => ({
  method: 'GET',
  target: '/api/v1/health',
  rawHeaders: [],
  body: Buffer.alloc(0),
  remoteAddress: '::ffff:10.1.2.3',
  httpVersion: '1.1',
  now: new Date('2026-11-23T09:30:05.123Z'),
  ...o,
});

describe('buildEvent', () => {
  it('takes sourceIp from the socket and ignores X-Forwarded-For', () => {
    const { event } = buildEvent(raw({ rawHeaders: ['X-Forwarded-For', '1.2.3.4', 'X-Real-IP', '5.6.7.8'] }));
    expect(event.requestContext.http.sourceIp).toBe('10.1.2.3');
    expect(event.headers['x-forwarded-for']).toBe('1.2.3.4');
  });

  it('keeps an IPv6 peer address as it is', () => {
    expect(buildEvent(raw({ remoteAddress: '::1' })).event.requestContext.http.sourceIp).toBe('::1');
  });

  it('decodes rawPath like API Gateway and keeps rawQueryString exactly as sent', () => {
    const { event, handler } = buildEvent(
      raw({ target: '/api/v1/intents/intent_%41B?filter%5Btitle%5D%5Blike%5D=a%20b&x=1+2&x=3' }),
    );
    expect(event.rawPath).toBe('/api/v1/intents/intent_AB');
    expect(event.requestContext.http.path).toBe('/api/v1/intents/intent_AB');
    expect(event.rawQueryString).toBe('filter%5Btitle%5D%5Blike%5D=a%20b&x=1+2&x=3');
    expect(event.queryStringParameters).toEqual({ 'filter[title][like]': 'a b', x: '1 2,3' });
    expect(event.pathParameters).toEqual({ id: 'intent_AB' });
    expect(event.routeKey).toBe('GET /api/v1/intents/{id}');
    expect(handler).toBe('intents-get');
  });

  it('refuses a malformed percent-encoding the way API Gateway does (400)', () => {
    expect(() => buildEvent(raw({ target: '/api/v1/%E0%A4%A' }))).toThrow(/percent-encoding/);
  });

  it('lower-cases header names and joins repeated headers with a comma', () => {
    const { event } = buildEvent(
      raw({
        rawHeaders: ['X-App-Id', 'app_1', 'Accept', 'text/plain', 'ACCEPT', 'application/json', 'Cookie', 'a=1; b=2'],
      }),
    );
    expect(event.headers).toEqual({
      'x-app-id': 'app_1',
      accept: 'text/plain,application/json',
      'x-forwarded-proto': 'http',
    });
    expect(event.cookies).toEqual(['a=1', 'b=2']);
  });

  it('sets X-Forwarded-Proto itself, as API Gateway does, whatever the client sent', () => {
    const { event } = buildEvent(raw({ rawHeaders: ['X-Forwarded-Proto', 'https'] }));
    expect(event.headers['x-forwarded-proto']).toBe('http');
  });

  it('passes a UTF-8 JSON body as text', () => {
    const body = Buffer.from('{"title":"茶叶"}', 'utf8');
    const { event } = buildEvent(
      raw({ method: 'POST', target: '/api/v1/intents', rawHeaders: ['Content-Type', 'application/json'], body }),
    );
    expect(event.body).toBe('{"title":"茶叶"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('keeps a leading UTF-8 byte-order mark, so the bytes verified are the bytes sent', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"title":"茶叶"}', 'utf8')]);
    const { event } = buildEvent(
      raw({ method: 'POST', target: '/api/v1/intents', rawHeaders: ['Content-Type', 'application/json'], body }),
    );
    expect(Buffer.from(event.body!, event.isBase64Encoded ? 'base64' : 'utf8')).toEqual(body);
  });

  it('base64-encodes a body that is not valid UTF-8 or not textual', () => {
    const invalid = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const json = buildEvent(raw({ method: 'POST', rawHeaders: ['content-type', 'application/json'], body: invalid }));
    expect(json.event).toMatchObject({ isBase64Encoded: true, body: invalid.toString('base64') });
    const binary = buildEvent(
      raw({ method: 'POST', rawHeaders: ['content-type', 'image/png'], body: Buffer.from('x') }),
    );
    expect(binary.event).toMatchObject({ isBase64Encoded: true, body: 'eA==' });
  });

  it('has no body at all when none was sent', () => {
    const { event } = buildEvent(raw());
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
  });

  it('sends unknown paths and wrong methods to the catch-all with the $default route key', () => {
    expect(buildEvent(raw({ target: '/nope' }))).toMatchObject({
      handler: 'not-found',
      event: { routeKey: '$default' },
    });
    expect(buildEvent(raw({ method: 'DELETE' })).handler).toBe('not-found');
  });

  it('fills requestContext like API Gateway', () => {
    const { event } = buildEvent(raw({ rawHeaders: ['Host', '127.0.0.1:3000', 'User-Agent', 'curl/8'] }));
    expect(event.requestContext).toMatchObject({
      stage: '$default',
      time: '23/Nov/2026:09:30:05 +0000',
      timeEpoch: Date.parse('2026-11-23T09:30:05.123Z'),
      http: { method: 'GET', protocol: 'HTTP/1.1', userAgent: 'curl/8' },
    });
  });
});

describe('toHttpResponse', () => {
  it('writes a structured result back, decoding base64 bodies', () => {
    const r = toHttpResponse({ statusCode: 201, headers: { 'X-A': 'b', n: 1 }, body: 'aGk=', isBase64Encoded: true });
    expect(r).toEqual({ statusCode: 201, headers: { 'x-a': 'b', n: '1' }, body: Buffer.from('hi') });
  });

  it('treats a result without statusCode as a JSON 200 body (payload 2.0 rule)', () => {
    const r = toHttpResponse({ ok: true } as never);
    expect(r.statusCode).toBe(200);
    expect(r.body.toString()).toBe('{"ok":true}');
  });
});
