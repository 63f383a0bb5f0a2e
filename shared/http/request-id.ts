import { randomByte } from '../domain/random-bytes';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `req_<13-digit ms>_<random alphanumeric>` (API reference: Transport and envelope). */
export function newRequestId(now = Date.now()): string {
  let random = '';
  for (let i = 0; i < 12; i++) random += ALPHABET[randomByte() % ALPHABET.length];
  return `req_${String(now).padStart(13, '0')}_${random}`;
}

export const REQUEST_ID_PATTERN = /^req_\d{13}_[a-z0-9]+$/;
