// Intent ids: `intent_` + a ULID, so ids sort by creation time and carry 80 random bits. The random characters
// come from the pooled random bytes rather than ulid's default source, which asks the system for one byte per
// character (and looks for a crypto source again on every call).
import { ulid } from 'ulid';
import { randomByte } from './random-bytes';

/** A number in [0, 1) from one random byte; ulid turns it into one of 32 characters, 8 byte values each, unbiased. */
const pooledRandom = () => randomByte() / 256;

export function newIntentId(nowMs: number): string {
  return `intent_${ulid(nowMs, pooledRandom)}`;
}
