// `npm run sign`: the signature a partner would compute, over the path the Lambda sees.
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { signedPath, signedRequest, wireTarget } from '../../local/signed-request';
import { sign } from '../../shared/auth/signature';

/** Runs the printed curl line through a shell against a server that records what arrived. */
async function sendWithCurl(target: string, body?: string): Promise<{ request: IncomingMessage; body: string }> {
  let received: { request: IncomingMessage; body: string } | undefined;
  const server = createServer((request, response) => {
    let data = '';
    request.on('data', (c) => {
      data += c;
    });
    request.on('end', () => {
      received = { request, body: data };
      response.end('{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  try {
    const { curl } = signedRequest({
      method: body ? 'POST' : 'GET',
      target,
      body,
      baseUrl: `http://127.0.0.1:${port}`,
    });
    await promisify(execFile)('sh', ['-c', `${curl} -s -o /dev/null`]);
  } finally {
    server.close();
  }
  if (!received) throw new Error('nothing arrived');
  return received;
}

describe('signedRequest', () => {
  it('signs METHOD + path?query + timestamp + body with the dev app by default', () => {
    const body = '{"userId":"u1"}';
    const r = signedRequest({
      method: 'post',
      target: '/api/v1/intents?a=1',
      body,
      baseUrl: 'http://x',
      now: 1700000000000,
    });
    expect(r.headers).toEqual({
      'X-App-Id': 'dev_app_local',
      'X-Timestamp': '1700000000000',
      'X-Signature': sign(
        'dev_secret_local_do_not_use_in_production',
        'POST',
        '/api/v1/intents?a=1',
        '1700000000000',
        body,
      ),
    });
    expect(r.curl).toContain('--data-raw \'{"userId":"u1"}\'');
    expect(r.curl).toContain("'http://x/api/v1/intents?a=1'");
  });

  it('uses the credentials it is given', () => {
    const r = signedRequest({ method: 'GET', target: '/p', appId: 'a', appSecret: 's', baseUrl: 'http://x', now: 1 });
    expect(r.headers['X-App-Id']).toBe('a');
    expect(r.headers['X-Signature']).toBe(sign('s', 'GET', '/p', '1', ''));
  });

  it('quotes bodies with single quotes safely for the shell', () => {
    const r = signedRequest({ method: 'PUT', target: '/p', body: `{"t":"it's"}`, baseUrl: 'http://x' });
    expect(r.curl).toContain(`--data-raw '{"t":"it'\\''s"}'`);
  });

  it('signs the decoded path and the query exactly as typed, like API Gateway delivers them', () => {
    expect(signedPath('/api/v1/intents/a%20b?q=a%20b')).toBe('/api/v1/intents/a b?q=a%20b');
  });

  it('prints a curl line that curl accepts for brackets, spaces and Chinese text, signed over what arrives', async () => {
    const target = '/api/v1/intents?filter[title][like]=苹果 手机&filter[status][in]=SUBMITTED,FAILED&sortBy=price';
    const { request } = await sendWithCurl(target);
    const url = request.url!;
    expect(url).toBe(wireTarget(target));
    expect(url).toContain('filter[title][like]=%E8%8B%B9%E6%9E%9C%20%E6%89%8B%E6%9C%BA');
    // What the API verifies: the decoded path plus the query exactly as it arrived.
    const expected = sign(
      'dev_secret_local_do_not_use_in_production',
      'GET',
      signedPath(url),
      String(request.headers['x-timestamp']),
      '',
    );
    expect(request.headers['x-signature']).toBe(expected);
  });

  it('keeps what is already encoded and sends the body byte for byte', async () => {
    const body = '{"title":"它的 \'引号\'"}';
    const { request, body: arrived } = await sendWithCurl('/api/v1/intents?q=a%20b', body);
    expect(request.url).toBe('/api/v1/intents?q=a%20b');
    expect(arrived).toBe(body);
  });
});
