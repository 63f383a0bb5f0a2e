// Opaque, tamper-checked cursors: the position after the last item of a page, bound to the app and the query it
// came from. The position alone could never reach another app's data (the app is always the signed caller's);
// the MAC makes a changed or reused cursor a clear 40001 instead of a silently odd page.
import { createHash, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { validationError } from '../http/errors';
import type { ListQuery } from '../schemas/list-query';

interface Position {
  /** The last item's index sort key (`<sort value>#<id>`). */
  after: string;
  /** The page number the cursor leads to. */
  page: number;
}

// The key is made once at load, not per cursor: its secret cannot change while an instance lives.
const CURSOR_KEY = createSecretKey(
  process.env.CURSOR_SECRET ?? `procure-core-cursor:${process.env.TABLE_NAME ?? ''}`,
  'utf8',
);

/** Everything that decides positions: not `page`, `cursor` or `fields`. */
export function queryBinding(appId: string, query: ListQuery): string {
  const { conditions, sortBy, order, pageSize } = query;
  return createHash('sha256')
    .update(JSON.stringify([appId, conditions, sortBy, order, pageSize]))
    .digest('base64url')
    .slice(0, 16);
}

function mac(payload: string): Buffer {
  return createHmac('sha256', CURSOR_KEY).update(payload).digest().subarray(0, 16);
}

export function encodeCursor(binding: string, position: Position): string {
  const payload = Buffer.from(JSON.stringify({ b: binding, a: position.after, p: position.page })).toString(
    'base64url',
  );
  return `${payload}.${mac(payload).toString('base64url')}`;
}

const invalid = () => validationError([{ field: 'cursor', message: '游标无效或与查询条件不匹配' }], false);

export function decodeCursor(binding: string, cursor: string): Position {
  const [payload = '', tag = '', extra] = cursor.split('.');
  const given = Buffer.from(tag, 'base64url');
  const expected = mac(payload);
  if (extra !== undefined || given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let decoded: { b?: unknown; a?: unknown; p?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (decoded.b !== binding || typeof decoded.a !== 'string' || !Number.isInteger(decoded.p)) throw invalid();
  return { after: decoded.a, page: decoded.p as number };
}
