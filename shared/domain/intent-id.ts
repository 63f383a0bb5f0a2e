// Intent ids: `intent_` + a ULID, so ids sort by creation time and carry 80 random bits. The random characters
// come from a pool of crypto.randomBytes refilled 4 KiB at a time: as random as ulid's default source, which asks
// the system for one byte per character (and looks for a crypto source again on every call), at a fraction of the cost.
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';

const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let used = 0;

/** A number in [0, 1) from one random byte; ulid turns it into one of 32 characters, 8 byte values each, unbiased. */
function pooledRandom(): number {
  if (used === POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  return pool[used++]! / 256;
}

export function newIntentId(nowMs: number): string {
  return `intent_${ulid(nowMs, pooledRandom)}`;
}
