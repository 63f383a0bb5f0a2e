import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `req_<13-digit ms>_<random alphanumeric>` (CONTRACT section 1). */
export function newRequestId(now = Date.now()): string {
  const bytes = randomBytes(12);
  let random = '';
  for (const b of bytes) random += ALPHABET[b % ALPHABET.length];
  return `req_${String(now).padStart(13, '0')}_${random}`;
}

export const REQUEST_ID_PATTERN = /^req_\d{13}_[a-z0-9]+$/;
