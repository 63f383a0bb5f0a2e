// Random bytes for ids (intent ids, request ids), drawn from a pool of crypto.randomBytes refilled 4 KiB at a time:
// as unpredictable as asking the system every time, at a fraction of the cost per request (Node's randomUUID keeps
// a similar cache). Filled on first use, not at load, so no pool is ever captured in a snapshot of a fresh instance.
// Keys, secrets and IVs ask crypto directly.
import { randomBytes } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

export function randomByte(): number {
  if (used === pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  return pool[used++]!;
}
