// Checks a signed request in the contract's order (API reference: Authentication, checks 1-4). Public messages stay generic;
// the precise reason goes into the ApiError's log-only `reason`, which never holds the signature or a secret.
import { createSecretKey, type KeyObject } from 'node:crypto';
import { type App, DEV_APP_ID, ipAllowed, isLocalRuntime, isWellFormedAppId, validSecrets } from '../apps/app';
import { cachedApp } from '../apps/cache';
import { ApiError } from '../http/errors';
import type { ApiRequest } from '../http/foundation';
import { logger } from '../logger';
import { SIGNATURE_PATTERN, sign, signaturesMatch } from './signature';
import { acceptedTimestamp } from './timestamp';

export interface VerifiedRequest {
  app: App;
  signature: string;
  timestampMs: number;
}

// HMAC keys made once per secret of a cached app (and dropped with it) rather than from the string on every
// request: preparing the key was a third of the cost of each HMAC.
const hmacKeys = new WeakMap<App, Map<string, KeyObject>>();

function hmacKey(app: App, secret: string): KeyObject {
  const keys = hmacKeys.get(app) ?? new Map<string, KeyObject>();
  hmacKeys.set(app, keys);
  const key = keys.get(secret) ?? createSecretKey(secret, 'utf8');
  keys.set(secret, key);
  return key;
}

function header(req: ApiRequest, name: string): string | undefined {
  const headers = req.event.headers ?? {};
  const value = headers[name] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return value ?? undefined;
}

/** API Gateway joins a repeated header with commas; none of the auth headers may legitimately hold one. */
function duplicated(value: string | undefined): boolean {
  return value?.includes(',') ?? false;
}

/** The path plus `?` and the query string exactly as sent, when there is one. */
export function pathAndQuery(req: ApiRequest): string {
  const { rawPath, rawQueryString } = req.event;
  return rawQueryString ? `${rawPath}?${rawQueryString}` : rawPath;
}

export async function verifySignedRequest(req: ApiRequest, now = Date.now()): Promise<VerifiedRequest> {
  const timestampHeader = header(req, 'x-timestamp');
  const timestampMs = acceptedTimestamp(timestampHeader, now);
  if (timestampMs === undefined) {
    const reason =
      timestampHeader === undefined
        ? 'X-Timestamp missing'
        : /^\d{13}$/.test(timestampHeader)
          ? `X-Timestamp outside the window (skew ${now - Number(timestampHeader)} ms)`
          : 'X-Timestamp not 13 digits (or repeated)';
    throw new ApiError('BAD_TIMESTAMP', { reason });
  }

  const appId = header(req, 'x-app-id');
  if (!appId) throw new ApiError('UNKNOWN_APP', { reason: 'X-App-Id missing' });
  if (duplicated(appId)) throw new ApiError('UNKNOWN_APP', { reason: 'X-App-Id repeated' });
  if (!isWellFormedAppId(appId)) throw new ApiError('UNKNOWN_APP', { reason: 'X-App-Id malformed' });
  if (appId === DEV_APP_ID && !isLocalRuntime())
    throw new ApiError('UNKNOWN_APP', { reason: 'dev app refused outside the local runtime' });
  const app = await cachedApp(appId, now);
  // The claimed id is not a secret and makes refusals traceable to a partner.
  logger.appendKeys({ appId });
  if (!app) throw new ApiError('UNKNOWN_APP', { reason: 'unknown app id' });
  if (app.status !== 'ACTIVE') throw new ApiError('UNKNOWN_APP', { reason: 'app disabled' });

  const signature = header(req, 'x-signature');
  if (!signature) throw new ApiError('BAD_SIGNATURE', { reason: 'X-Signature missing' });
  if (duplicated(signature)) throw new ApiError('BAD_SIGNATURE', { reason: 'X-Signature repeated' });
  if (!SIGNATURE_PATTERN.test(signature)) throw new ApiError('BAD_SIGNATURE', { reason: 'X-Signature malformed' });
  const method = req.event.requestContext.http.method;
  const target = pathAndQuery(req);
  const timestamp = timestampHeader as string;
  // Every valid secret is tried (no early exit), so timing does not tell which one matched.
  let matched = false;
  for (const secret of validSecrets(app, now)) {
    if (signaturesMatch(sign(hmacKey(app, secret), method, target, timestamp, req.rawBodyBytes), signature))
      matched = true;
  }
  if (!matched) throw new ApiError('BAD_SIGNATURE', { reason: 'signature does not match' });

  if (!ipAllowed(app, req.event.requestContext.http.sourceIp))
    throw new ApiError('IP_NOT_ALLOWED', { reason: 'source address outside the app whitelist' });

  return { app, signature, timestampMs };
}
