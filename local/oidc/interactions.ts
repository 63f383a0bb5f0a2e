// The provider's interactions: the sign-in form (checked against the local accounts with scrypt) and consent,
// which the console, a first-party client, is given without asking.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { checkLocalPassword } from '../../shared/console/local-accounts';
import { errorPage, PAGE_CSP, signInPage } from './pages';
import { OIDC_PATH } from './provider';

const INTERACTION = new RegExp(`^${OIDC_PATH}/interaction/([A-Za-z0-9_-]+)(/login)?$`);
const MAX_FORM_BYTES = 16 * 1024;

function html(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PAGE_CSP,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function consent(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  const { prompt, params, session, grantId } = await provider.interactionDetails(req, res);
  const details = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
  if (!grant) throw new Error('interaction grant not found');
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {}))
    grant.addResourceScope(indicator, scopes.join(' '));
  const savedId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: grantId ? {} : { grantId: savedId } },
    { mergeWithLastSubmission: true },
  );
}

/** Serves `/oidc/interaction/<uid>` (GET) and `/oidc/interaction/<uid>/login` (POST); false for anything else. */
export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const path = (req.url ?? '').split('?')[0] ?? '';
  const match = INTERACTION.exec(path);
  if (!match) return false;
  const [, uid, login] = match;
  const action = `${OIDC_PATH}/interaction/${uid}/login`;
  const details = await provider.interactionDetails(req, res).catch(() => undefined);
  // A stale tab or a restarted runtime: the interaction is gone, so start again from the console.
  if (!details || details.uid !== uid) {
    html(
      res,
      400,
      errorPage('登录请求已过期 / sign-in expired', '请返回控制台重新登录 / start again from the console'),
    );
    return true;
  }
  if (!login && req.method === 'GET') {
    if (details.prompt.name === 'login') html(res, 200, signInPage({ action }));
    else await consent(provider, req, res);
    return true;
  }
  if (login && req.method === 'POST' && details.prompt.name === 'login') {
    const form = await readForm(req);
    const email = form?.get('email')?.trim() ?? '';
    const password = form?.get('password') ?? '';
    const account = email && password ? await checkLocalPassword(email, password) : undefined;
    if (!account) {
      html(res, 401, signInPage({ action, email, error: true }));
      return true;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
    return true;
  }
  res.writeHead(405, { allow: login ? 'POST' : 'GET', 'content-length': '0' });
  res.end();
  return true;
}
