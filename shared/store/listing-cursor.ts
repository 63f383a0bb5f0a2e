// Opaque, tamper-checked cursors: the position after the last item of a page, bound to the app and the query it
// came from. The position alone could never reach another app's data (the app is always the signed caller's);
// the MAC makes a changed or reused cursor a clear 40001 instead of a silently odd page. Its key (./cursor-key) is a
// secret, and a decoded cursor is still checked field by field as strictly as a query parameter, so even a cursor
// signed with a leaked key reaches DynamoDB only with a well-formed position.
import { createHash, createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import { InvalidInputError } from '../domain/errors';
import { INTENT_ID_PATTERN } from '../domain/intent';
import type { ListQuery } from '../schemas/list-query';
import { cursorKey } from './cursor-key';

interface Position {
  /** The last item's index sort key (`<sort value>#<id>`). */
  after: string;
  /** The page number the cursor leads to. */
  page: number;
}

/** A cursor leads to page 2 or later; the upper bound is the page parameter's own (at most 9 digits). */
export const MAX_CURSOR_PAGE = 999_999_999;
// Index sort keys carry the id without its constant `intent_` prefix (listing-keys.ts `sortKey`), so the position does.
const INTENT_ID = INTENT_ID_PATTERN.source.slice(1, -1).replace(/^intent_/, '');
const INSTANT = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
/** The last item's index sort key per sort field (shared/store/listing-keys.ts: fixed-width value, `#`, ULID). */
const POSITION: Record<ListQuery['sortBy'], RegExp> = {
  createdAt: new RegExp(`^${INSTANT}#${INTENT_ID}$`),
  updatedAt: new RegExp(`^${INSTANT}#${INTENT_ID}$`),
  price: new RegExp(`^\\d{12}#${INTENT_ID}$`),
};

/** Everything that decides positions: not `page`, `cursor` or `fields`. */
export function queryBinding(appId: string, query: ListQuery): string {
  const { conditions, sortBy, order, pageSize } = query;
  return createHash('sha256')
    .update(JSON.stringify([appId, conditions, sortBy, order, pageSize]))
    .digest('base64url')
    .slice(0, 16);
}

function mac(key: KeyObject, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest().subarray(0, 16);
}

export async function encodeCursor(binding: string, position: Position): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ b: binding, a: position.after, p: position.page })).toString(
    'base64url',
  );
  return `${payload}.${mac(await cursorKey(), payload).toString('base64url')}`;
}

const invalid = () => new InvalidInputError([{ field: 'cursor', rule: 'cursor' }]);

/** The position a cursor holds, or undefined unless every field is exactly what encodeCursor writes. */
function position(decoded: unknown, binding: string, sortBy: ListQuery['sortBy']): Position | undefined {
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) return undefined;
  const { b, a, p, ...extra } = decoded as Record<string, unknown>;
  if (Object.keys(extra).length > 0 || b !== binding) return undefined;
  if (typeof a !== 'string' || !POSITION[sortBy].test(a)) return undefined;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 2 || p > MAX_CURSOR_PAGE) return undefined;
  return { after: a, page: p };
}

export async function decodeCursor(binding: string, cursor: string, sortBy: ListQuery['sortBy']): Promise<Position> {
  const [payload = '', tag = '', extra] = cursor.split('.');
  const given = Buffer.from(tag, 'base64url');
  const expected = mac(await cursorKey(), payload);
  if (extra !== undefined || given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const found = position(decoded, binding, sortBy);
  if (!found) throw invalid();
  return found;
}
