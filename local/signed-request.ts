// Builds the three auth headers and a curl line for one request (used by `npm run sign`).

import { DEV_APP_ID, DEV_APP_SECRET } from '../shared/apps/app';
import { sign } from '../shared/auth/signature';

export const SIGNABLE_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

export interface SignInput {
  method: string;
  /** Path and query as they will be sent on the wire. */
  target: string;
  body?: string;
  appId?: string;
  appSecret?: string;
  baseUrl: string;
  now?: number;
}

/** Single-quotes a value for a POSIX shell. */
const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * API Gateway hands the Lambda a percent-DECODED path but the query string as sent, so that is what gets signed:
 * `/api/v1/intents/a%20b?q=a%20b` is signed as `/api/v1/intents/a b?q=a%20b`.
 */
export function signedPath(target: string): string {
  const at = target.indexOf('?');
  const path = at === -1 ? target : target.slice(0, at);
  return decodeURIComponent(path) + (at === -1 ? '' : target.slice(at));
}

// Everything a URL may carry as it is (RFC 3986 unreserved, reserved and an existing %XX); brackets included, which
// curl then needs -g for.
const URL_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%[\]]/;

/**
 * The target as it goes on the wire: characters a URL can't carry raw (spaces, Chinese text, quotes, ...) are
 * percent-encoded as UTF-8, everything else is kept as typed. The signature covers this form, since it is what the
 * API receives.
 */
export function wireTarget(target: string): string {
  let out = '';
  for (const char of target) out += URL_SAFE.test(char) ? char : encodeURIComponent(char);
  return out;
}

export function signedRequest(input: SignInput) {
  const method = input.method.toUpperCase();
  const body = input.body ?? '';
  const timestamp = String(input.now ?? Date.now());
  const target = wireTarget(input.target);
  const signature = sign(input.appSecret || DEV_APP_SECRET, method, signedPath(target), timestamp, body);
  const headers = { 'X-App-Id': input.appId || DEV_APP_ID, 'X-Timestamp': timestamp, 'X-Signature': signature };
  const curl = [
    // -g: brackets are literal (filter[status]=...), not curl's URL globbing.
    'curl -i -g',
    `-X ${method}`,
    ...Object.entries(headers).map(([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`),
    ...(body ? [`-H 'Content-Type: application/json'`, `--data-raw ${shellQuote(body)}`] : []),
    shellQuote(`${input.baseUrl}${target}`),
  ].join(' ');
  return { headers, curl, target };
}
