// Console sign-in on the local runtime: the OpenID provider at /oidc (code + PKCE, the sign-in page, the tokens it
// issues), the bearer check on console routes, /console/config.json, and keys that survive a restart.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleGateway } from '../../local/console-gateway';
import { startConsoleGateway } from '../../local/console-setup';
import { ensureDevApp } from '../../local/dev-app';
import { createLocalOidc } from '../../local/oidc';
import { KEYS_FILE, loadProviderKeys } from '../../local/oidc/keys';
import { freePort } from '../../local/ports';
import { createLocalServer } from '../../local/server';
import { DEV_ACCOUNT, OPS_ACCOUNT } from '../../shared/console/local-accounts';
import { REQUEST_ID_PATTERN } from '../../shared/http/request-id';
import { consoleRouteFor } from '../../shared/routes';
import { LOCAL_CLIENT_ID, SignInRefused, signInLocally } from '../support/console-sign-in';

let server: Server;
let origin: string;
let dataDir: string;
const wasLocal = process.env.LOCAL_RUNTIME;

beforeAll(async () => {
  process.env.LOCAL_RUNTIME = 'true';
  dataDir = mkdtempSync(join(tmpdir(), 'console-sign-in-'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  await ensureDevApp();
  server = createLocalServer({ console: await startConsoleGateway({ origin, dataDir }) });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', () => done()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(dataDir, { recursive: true, force: true });
  process.env.LOCAL_RUNTIME = wasLocal;
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ME = consoleRouteFor('console-me');

describe('local OpenID provider', () => {
  it('publishes discovery under /oidc on the same origin, with PKCE S256', async () => {
    const response = await fetch(`${origin}/oidc/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: `${origin}/oidc`,
      authorization_endpoint: `${origin}/oidc/auth`,
      token_endpoint: `${origin}/oidc/token`,
      jwks_uri: `${origin}/oidc/jwks`,
      end_session_endpoint: `${origin}/oidc/session/end`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('signs the dev owner in: a JWT access token for the console client, with e-mail and no groups', async () => {
    const { accessToken, pages } = await signInLocally(origin, DEV_ACCOUNT.email, DEV_ACCOUNT.password);
    const claims = decodeJwt(accessToken);
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(claims).toMatchObject({
      iss: `${origin}/oidc`,
      aud: LOCAL_CLIENT_ID,
      client_id: LOCAL_CLIENT_ID,
      sub: DEV_ACCOUNT.sub,
      email: DEV_ACCOUNT.email,
    });
    expect(claims['cognito:groups']).toBeUndefined();
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
    // The sign-in page: labelled inputs, a 登录 button, no script, and a CSP saying so.
    const page = pages[0]?.body ?? '';
    expect(page).toMatch(/<label for="email">邮箱 \/ Email<\/label>/);
    expect(page).toMatch(/<label for="password">密码 \/ Password<\/label>/);
    expect(page).toMatch(/<button type="submit">登录<\/button>/);
    expect(page).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
  });

  it('puts the ops account in the operators group', async () => {
    const { accessToken } = await signInLocally(origin, OPS_ACCOUNT.email, OPS_ACCOUNT.password);
    expect(decodeJwt(accessToken)['cognito:groups']).toEqual(['operators']);
  });

  it('answers a wrong password with the form again, an error and the e-mail kept', async () => {
    const refused = await signInLocally(origin, DEV_ACCOUNT.email, 'not-the-password').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SignInRefused);
    const { status, body } = refused as SignInRefused;
    expect(status).toBe(401);
    expect(body).toContain('邮箱或密码错误');
    expect(body).toContain(`value="${DEV_ACCOUNT.email}"`);
  });

  it('serves the sign-in page with a CSP that allows no script', async () => {
    const start = await fetch(
      `${origin}/oidc/auth?${new URLSearchParams({
        client_id: LOCAL_CLIENT_ID,
        response_type: 'code',
        redirect_uri: `${origin}/console/callback`,
        scope: 'openid',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      })}`,
      { redirect: 'manual' },
    );
    const page = await fetch(new URL(start.headers.get('location') ?? '', origin), {
      headers: {
        cookie: start.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src/);
  });

  it('refuses an authorization request without PKCE and an unregistered redirect URI', async () => {
    const base = { client_id: LOCAL_CLIENT_ID, response_type: 'code', scope: 'openid' };
    const noPkce = await fetch(
      `${origin}/oidc/auth?${new URLSearchParams({ ...base, redirect_uri: `${origin}/console/callback` })}`,
      { redirect: 'manual' },
    );
    expect(new URL(noPkce.headers.get('location') ?? '', origin).searchParams.get('error')).toBe('invalid_request');
    const foreign = await fetch(
      `${origin}/oidc/auth?${new URLSearchParams({ ...base, redirect_uri: 'https://evil.example/cb', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })}`,
      { redirect: 'manual' },
    );
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('location')).toBeNull();
  });

  it('signs out after confirmation on a script-free page and returns to /console/', async () => {
    const { idToken, cookie } = await signInLocally(origin, DEV_ACCOUNT.email, DEV_ACCOUNT.password);
    const end = await fetch(
      `${origin}/oidc/session/end?${new URLSearchParams({
        id_token_hint: idToken,
        post_logout_redirect_uri: `${origin}/console/`,
        client_id: LOCAL_CLIENT_ID,
      })}`,
      { headers: { cookie } },
    );
    expect(end.status).toBe(200);
    expect(end.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const page = await end.text();
    expect(page).toContain('退出登录');
    expect(page).not.toMatch(/<script/i);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(page)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const confirmed = await fetch(new URL(action, origin), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${origin}/console/`);
  });

  it('accepts the Vite dev server as a redirect target for npm run dev:console', async () => {
    const { accessToken } = await signInLocally(
      origin,
      DEV_ACCOUNT.email,
      DEV_ACCOUNT.password,
      'http://127.0.0.1:5173/console/callback',
    );
    expect(decodeJwt(accessToken).aud).toBe(LOCAL_CLIENT_ID);
  });
});

describe('console routes behind the bearer check', () => {
  it('answers 401 with the envelope and a request id when the token is missing or forged', async () => {
    const forged = await new SignJWT({ sub: DEV_ACCOUNT.sub })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(`${origin}/oidc`)
      .setAudience(LOCAL_CLIENT_ID)
      .setExpirationTime('5m')
      .sign(new Uint8Array(32));
    for (const headers of [{}, bearer('nonsense'), bearer(forged)]) {
      const response = await fetch(`${origin}/console/api/me`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 40101, message: '未登录或登录已过期', data: null });
      expect(response.headers.get('x-request-id')).toMatch(REQUEST_ID_PATTERN);
    }
  });

  it("opens the console API with the dev owner's token: the dev organisation, made at start", async () => {
    const { accessToken } = await signInLocally(origin, DEV_ACCOUNT.email, DEV_ACCOUNT.password);
    const response = await fetch(`${origin}/console/api/me`, { headers: bearer(accessToken) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toMatchObject({
      sub: DEV_ACCOUNT.sub,
      email: DEV_ACCOUNT.email,
      orgId: 'org_dev_local',
      role: 'owner',
      operator: false,
    });
  });

  it('leaves the catch-all unguarded, as API Gateway does: an unknown console path is a 404 to anyone', async () => {
    const response = await fetch(`${origin}/console/api/no-such-thing`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: number }).code).toBe(40401);
  });

  it('never lets an app signature open a console route', async () => {
    const response = await fetch(`${origin}/console/api/apps`, {
      headers: { 'x-app-id': 'dev_app_local', 'x-timestamp': String(Date.now()), 'x-signature': 'a'.repeat(64) },
    });
    expect(response.status).toBe(401);
  });

  it('never lets a console token open a partner route', async () => {
    const { accessToken } = await signInLocally(origin, DEV_ACCOUNT.email, DEV_ACCOUNT.password);
    const response = await fetch(`${origin}/api/v1/intents`, { headers: bearer(accessToken) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: number }).code).not.toBe(0);
  });

  it('fills requestContext.authorizer.jwt as the JWT authorizer does', async () => {
    const { accessToken } = await signInLocally(origin, OPS_ACCOUNT.email, OPS_ACCOUNT.password);
    const gateway = createConsoleGateway(createLocalOidc(origin, await loadProviderKeys(dataDir)));
    const event = {
      rawPath: '/console/api/me',
      headers: bearer(accessToken),
      requestContext: { http: { method: 'GET', path: '/console/api/me' } },
    } as unknown as APIGatewayProxyEventV2;
    expect(await gateway.authorize(event, ME)).toBeUndefined();
    const { jwt } = (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer;
    expect(jwt.claims).toMatchObject({
      sub: OPS_ACCOUNT.sub,
      email: OPS_ACCOUNT.email,
      'cognito:groups': '[operators]',
      client_id: LOCAL_CLIENT_ID,
    });
    expect(jwt.scopes).toEqual(expect.arrayContaining(['openid', 'email']));
  });

  it('keeps tokens valid across a restart: the signing key lives in DATA_DIR, readable by its owner only', async () => {
    const { accessToken } = await signInLocally(origin, DEV_ACCOUNT.email, DEV_ACCOUNT.password);
    const file = join(dataDir, KEYS_FILE);
    expect(statSync(file).mode & 0o077).toBe(0);
    const restarted = createConsoleGateway(createLocalOidc(origin, await loadProviderKeys(dataDir)));
    const event = { rawPath: '/console/api/me', headers: bearer(accessToken), requestContext: {} };
    expect(await restarted.authorize(event as unknown as APIGatewayProxyEventV2, ME)).toBeUndefined();
    // A different DATA_DIR means different keys: the same token is refused there.
    const elsewhere = mkdtempSync(join(tmpdir(), 'console-keys-'));
    try {
      const other = createConsoleGateway(createLocalOidc(origin, await loadProviderKeys(elsewhere)));
      const refused = await other.authorize({ ...event } as unknown as APIGatewayProxyEventV2, ME);
      expect(refused?.statusCode).toBe(401);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(JSON.parse(readFileSync(file, 'utf8')).signing[0].kid).toBe(decodeProtectedHeader(accessToken).kid);
  });

  it('refuses a token signed with the right key but expired', async () => {
    const keys = await loadProviderKeys(dataDir);
    const signing = keys.signing[0]!;
    const expired = await new SignJWT({ sub: DEV_ACCOUNT.sub, client_id: LOCAL_CLIENT_ID })
      .setProtectedHeader({ alg: 'RS256', kid: signing.kid })
      .setIssuer(`${origin}/oidc`)
      .setAudience(LOCAL_CLIENT_ID)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(await importJWK(signing, 'RS256'));
    const response = await fetch(`${origin}/console/api/me`, { headers: bearer(expired) });
    expect(response.status).toBe(401);
  });
});

describe('/console/config.json', () => {
  it('points the console at the local provider', async () => {
    const response = await fetch(`${origin}/console/config.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      authority: `${origin}/oidc`,
      clientId: LOCAL_CLIENT_ID,
      redirectPath: '/console/callback',
      apiBase: '',
      locale: 'zh-CN',
    });
  });
});
