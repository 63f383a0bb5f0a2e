// HMAC-SHA256 request signing (API reference: Authentication), shared by the verifier, the CLIs, the tests and webhooks.
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 of `METHOD + PATH(+?query as sent) + TIMESTAMP + BODY`, no separators, as lower-case hex. The method
 * is taken exactly as given, never upper-cased here: the verifier must sign what arrived, so a request whose method
 * differs in any byte fails. Clients pass the upper-case method the contract asks for. The parts are fed to the
 * HMAC one after another (strings as UTF-8), which is the same as signing them joined, without copying the body.
 * The secret may be a KeyObject made from it once (the verifier does), which spares preparing the key every time.
 */
export function sign(
  secret: string | KeyObject,
  method: string,
  pathAndQuery: string,
  timestamp: string,
  body: string | Buffer = '',
) {
  return createHmac('sha256', secret).update(`${method}${pathAndQuery}${timestamp}`, 'utf8').update(body).digest('hex');
}

export const SIGNATURE_PATTERN = /^[0-9a-fA-F]{64}$/;

/** Constant-time comparison of two hex signatures; false (never an exception) on any length or format mismatch. */
export function signaturesMatch(expectedHex: string, givenHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const given = SIGNATURE_PATTERN.test(givenHex) ? Buffer.from(givenHex, 'hex') : Buffer.alloc(expected.length);
  const same = timingSafeEqual(expected, given.length === expected.length ? given : Buffer.alloc(expected.length));
  return same && SIGNATURE_PATTERN.test(givenHex);
}
