// HMAC-SHA256 signatures (API reference: Authentication), used for requests and to verify webhooks (section 9).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** hex(HMAC-SHA256(secret, METHOD + pathAndQuery + timestamp + body)), body as the exact bytes sent. */
export function sign(
  secret: string,
  method: string,
  pathAndQuery: string,
  timestamp: string,
  body: string | Uint8Array = '',
): string {
  return createHmac('sha256', secret)
    .update(`${method.toUpperCase()}${pathAndQuery}${timestamp}`, 'utf8')
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('hex');
}

const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/;

function sameSignature(expectedHex: string, givenHex: string): boolean {
  if (!HEX_SIGNATURE.test(givenHex)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(givenHex, 'hex'));
}

export interface VerifyWebhookOptions {
  /** The app secret; during a rotation pass both the old and the new one. */
  appSecret: string | string[];
  /** Path and query of your webhook URL as configured, e.g. `/hooks/procure?tenant=1`. */
  path: string;
  /** The `X-Timestamp` header. */
  timestamp: string;
  /** The raw request body exactly as received, before any JSON parsing. */
  body: string | Uint8Array;
  /** The `X-Signature` header. */
  signature: string;
  /** How far `X-Timestamp` may be from now, either way (default 300 000 ms, as the API itself accepts). */
  toleranceMs?: number;
  /** Clock override for tests. */
  now?: number;
}

/**
 * True when a webhook delivery was signed with your app secret and is fresh. Verify before parsing the body;
 * de-duplicate on `eventId` because delivery is at least once.
 */
export function verifyWebhook(options: VerifyWebhookOptions): boolean {
  const { timestamp, signature, path, body } = options;
  if (typeof timestamp !== 'string' || !/^\d{13}$/.test(timestamp)) return false;
  if (typeof signature !== 'string') return false;
  const tolerance = options.toleranceMs ?? 300_000;
  if (Math.abs((options.now ?? Date.now()) - Number(timestamp)) > tolerance) return false;
  const secrets = Array.isArray(options.appSecret) ? options.appSecret : [options.appSecret];
  return secrets.some((secret) => sameSignature(sign(secret, 'POST', path, timestamp, body), signature));
}
