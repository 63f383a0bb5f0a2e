// Builds the three auth headers and a curl line for one request (used by `npm run sign`).

import { DEV_APP_ID, DEV_APP_SECRET } from '../../shared/apps/app';
import { sign } from '../../shared/auth/signature';

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

export function signedRequest(input: SignInput) {
  const method = input.method.toUpperCase();
  const body = input.body ?? '';
  const timestamp = String(input.now ?? Date.now());
  const signature = sign(input.appSecret || DEV_APP_SECRET, method, signedPath(input.target), timestamp, body);
  const headers = { 'X-App-Id': input.appId || DEV_APP_ID, 'X-Timestamp': timestamp, 'X-Signature': signature };
  const curl = [
    'curl -i',
    `-X ${method}`,
    ...Object.entries(headers).map(([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`),
    ...(body ? [`-H 'Content-Type: application/json'`, `--data-raw ${shellQuote(body)}`] : []),
    shellQuote(`${input.baseUrl}${input.target}`),
  ].join(' ');
  return { headers, curl };
}
