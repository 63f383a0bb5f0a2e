// `npm run sign`: the signature a partner would compute, over the path the Lambda sees.
import { describe, expect, it } from 'vitest';
import { signedPath, signedRequest } from '../../lib/local/signed-request';
import { sign } from '../../shared/auth/signature';

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
});
