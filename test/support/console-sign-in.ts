// Signs in to the local runtime's OpenID provider the way the console does (authorization code + PKCE), over
// HTTP with a cookie jar and manual redirects, and returns the tokens. For tests of the console routes.
import { createHash, randomBytes } from 'node:crypto';

export const LOCAL_CLIENT_ID = 'procure-console-local';

export interface SignInResult {
  accessToken: string;
  idToken: string;
  /** Every page the flow went through, for assertions on the sign-in page itself. */
  pages: { url: string; status: number; body: string }[];
  /** The provider's session cookies after sign-in (for sign-out). */
  cookie: string;
}

class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at < 1) continue;
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

export class SignInRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`sign-in refused with HTTP ${status}`);
  }
}

/** The flow up to the token; `redirectUri` defaults to the runtime's own /console/callback. */
export async function signInLocally(
  origin: string,
  email: string,
  password: string,
  redirectUri = `${origin}/console/callback`,
): Promise<SignInResult> {
  const jar = new CookieJar();
  const pages: SignInResult['pages'] = [];
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, origin), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.take(response);
    return response;
  };
  const authorize = new URL('/oidc/auth', origin);
  authorize.search = new URLSearchParams({
    client_id: LOCAL_CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
  }).toString();
  let response = await go(authorize.href);
  let code: string | undefined;
  for (let hop = 0; hop < 12 && !code; hop++) {
    const location = response.headers.get('location');
    if (response.status === 200 && !location) {
      const body = await response.text();
      pages.push({ url: response.url, status: 200, body });
      const action = /<form method="post" action="([^"]+)"/.exec(body)?.[1];
      if (!action) throw new SignInRefused(200, body);
      response = await go(action.replace(/&amp;/g, '&'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, password }).toString(),
      });
      continue;
    }
    if (!location) {
      const body = await response.text();
      pages.push({ url: response.url, status: response.status, body });
      throw new SignInRefused(response.status, body);
    }
    const next = new URL(location, origin);
    if (next.href.startsWith(redirectUri)) {
      code = next.searchParams.get('code') ?? undefined;
      if (!code) throw new SignInRefused(response.status, next.search);
    } else response = await go(next.href);
  }
  if (!code) throw new Error('sign-in did not reach the redirect URI');
  const token = await fetch(new URL('/oidc/token', origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: LOCAL_CLIENT_ID,
      code_verifier: verifier,
    }).toString(),
  });
  const tokens = (await token.json()) as { access_token?: string; id_token?: string; error?: string };
  if (!token.ok || !tokens.access_token || !tokens.id_token)
    throw new Error(`token endpoint answered ${token.status} ${tokens.error ?? ''}`);
  return { accessToken: tokens.access_token, idToken: tokens.id_token, pages, cookie: jar.header() };
}
