// The local JWT authorizer: accepts exactly what API Gateway's JWT authorizer accepts for the console client and
// renders claims the way API Gateway does.
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleTokenChecker } from '../../local/console-auth';

const ISSUER = 'http://127.0.0.1:3000/oidc';
const CLIENT = 'procure-console-local';
let key: PrivateKey;
let otherKey: PrivateKey;
let jwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  // The public half, the way the provider publishes it.
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  ({ privateKey: otherKey } = await generateKeyPair('RS256'));
});

const check = () => consoleTokenChecker({ issuer: ISSUER, audience: CLIENT, jwks: { keys: [jwk] } });

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

interface TokenOptions {
  signWith?: PrivateKey;
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
}

function token(claims: Record<string, unknown> = {}, options: TokenOptions = {}) {
  return new SignJWT({ sub: 'user-1', email: 'a@example.com', scope: 'openid email', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? CLIENT)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.signWith ?? key);
}

describe('local JWT authorizer', () => {
  it('accepts a token of the issuer for the client and flattens claims like API Gateway', async () => {
    const result = await check()(`Bearer ${await token({ 'cognito:groups': ['operators'], client_id: CLIENT })}`);
    expect(result?.claims).toMatchObject({
      sub: 'user-1',
      email: 'a@example.com',
      'cognito:groups': '[operators]',
      aud: CLIENT,
      iss: ISSUER,
    });
    expect(typeof result?.claims.exp).toBe('string');
    expect(result?.scopes).toEqual(['openid', 'email']);
  });

  it('accepts a Cognito-style access token: no aud, client_id names the client', async () => {
    const jwt = await new SignJWT({ sub: 'user-2', client_id: CLIENT, 'cognito:groups': ['a', 'b'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setExpirationTime('5m')
      .sign(key);
    expect((await check()(`Bearer ${jwt}`))?.claims['cognito:groups']).toBe('[a b]');
  });

  it.each([
    ['no header', async () => undefined],
    ['not a bearer token', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['not a JWT', async () => 'Bearer abc'],
    ['another key', async () => `Bearer ${await token({}, { signWith: otherKey })}`],
    ['expired', async () => `Bearer ${await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 1 })}`],
    [
      'not yet valid',
      async () =>
        `Bearer ${await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(ISSUER).setAudience(CLIENT).setNotBefore('10m').setExpirationTime('20m').sign(key)}`,
    ],
    [
      'no exp',
      async () =>
        `Bearer ${await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(ISSUER).setAudience(CLIENT).sign(key)}`,
    ],
    ['another issuer', async () => `Bearer ${await token({}, { issuer: 'http://evil.example/oidc' })}`],
    ['another audience', async () => `Bearer ${await token({}, { audience: 'someone-else' })}`],
    [
      'alg none',
      async () =>
        `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', iss: ISSUER, aud: CLIENT, exp: 9999999999 })).toString('base64url')}.`,
    ],
    [
      'tampered payload',
      async () => {
        const [h, , s] = (await token()).split('.');
        const forged = Buffer.from(
          JSON.stringify({ sub: 'admin', iss: ISSUER, aud: CLIENT, exp: 9999999999 }),
        ).toString('base64url');
        return `Bearer ${h}.${forged}.${s}`;
      },
    ],
  ])('refuses %s', async (_name, header) => {
    expect(await check()(await header())).toBeUndefined();
  });
});

describe('local provider keys', () => {
  it('are made once per DATA_DIR, kept private, replaced when unreadable, and published without private parts', async () => {
    const { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { KEYS_FILE, loadProviderKeys, publicJwks } = await import('../../local/oidc/keys');
    const dir = mkdtempSync(join(tmpdir(), 'oidc-keys-'));
    try {
      const first = await loadProviderKeys(dir);
      expect(statSync(join(dir, KEYS_FILE)).mode & 0o077).toBe(0);
      expect((await loadProviderKeys(dir)).signing[0]?.kid).toBe(first.signing[0]?.kid);
      const published = publicJwks(first).keys[0] ?? {};
      expect(published).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: first.signing[0]?.kid });
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(published).not.toHaveProperty(secret);
      writeFileSync(join(dir, KEYS_FILE), '{not json');
      const replaced = await loadProviderKeys(dir);
      expect(replaced.signing[0]?.kid).not.toBe(first.signing[0]?.kid);
      expect(JSON.parse(readFileSync(join(dir, KEYS_FILE), 'utf8')).signing[0].kid).toBe(replaced.signing[0]?.kid);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
