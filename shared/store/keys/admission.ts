// Keys of the items a signed request's admission writes: the rate-limit window of an app's class per second, and the
// replay guard's record of a signature (stored lower case, because either case verifies).
import type { RateLimitClass } from '../../routes';

export function rateKey(appId: string, rateClass: RateLimitClass, second: number) {
  return { pk: `RATE#${appId}#${rateClass}`, sk: String(second) };
}

export function replayKey(appId: string, signature: string) {
  return { pk: `REPLAY#${appId}#${signature.toLowerCase()}`, sk: 'REPLAY' };
}
