// The batch create's request (API reference: Routes): the envelope `{ items, atomic? }` is checked first, and a
// malformed one is refused whole with field paths; then each item is validated exactly like a single create body.
import * as z from 'zod/mini';
import { ApiError, type FieldError, validationError } from '../http/errors';
import { BATCH_MESSAGES, MESSAGES } from '../http/messages';
import { MAX_BATCH_ITEMS } from '../ratelimit/units';
import { type CreateIntentInput, createIntentSchema, parseCreateIntent } from './intent';
import { FIELD_MESSAGES } from './intent-fields';

export { MAX_BATCH_ITEMS };
export const MAX_ATOMIC_ITEMS = 25;

/** For the OpenAPI description; the handler checks the envelope by hand to answer with `items[3]`-style paths. */
export const createBatchSchema = z
  .strictObject({
    items: z
      .array(createIntentSchema)
      .check(
        z.minLength(1),
        z.maxLength(MAX_BATCH_ITEMS),
        z.describe(`1-${MAX_BATCH_ITEMS} 个创建采购意图的请求体,规则与单个创建相同`),
      ),
    atomic: z
      .optional(z.boolean())
      .check(z.describe(`true:全部成功或全部不创建(最多 ${MAX_ATOMIC_ITEMS} 个);默认 false:有效项各自创建`)),
  })
  .check(z.describe('批量创建采购意图'));

export interface BatchRequest {
  items: Record<string, unknown>[];
  atomic: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The envelope: 40002 without `items`, 40001 (every failing path listed) for anything else wrong with it. */
export function parseBatch(body: Record<string, unknown>): BatchRequest {
  const errors: FieldError[] = [];
  for (const name of Object.keys(body))
    if (name !== 'items' && name !== 'atomic') errors.push({ field: name, message: FIELD_MESSAGES.unknown });
  const { items, atomic } = body;
  if (atomic !== undefined && typeof atomic !== 'boolean')
    errors.push({ field: 'atomic', message: BATCH_MESSAGES.atomic });
  if (!Object.hasOwn(body, 'items'))
    throw validationError([{ field: 'items', message: MESSAGES.missingField('items') }, ...errors], true);
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH_ITEMS)
    errors.unshift({ field: 'items', message: BATCH_MESSAGES.items(MAX_BATCH_ITEMS) });
  else if (atomic === true && items.length > MAX_ATOMIC_ITEMS)
    errors.unshift({ field: 'items', message: BATCH_MESSAGES.atomicItems(MAX_ATOMIC_ITEMS) });
  else
    items.forEach((item, index) => {
      if (!isObject(item)) errors.push({ field: `items[${index}]`, message: BATCH_MESSAGES.item });
    });
  if (errors.length > 0) throw validationError(errors, false);
  return { items: items as Record<string, unknown>[], atomic: atomic === true };
}

/** One item after validation: the single create's input, or the single create's refusal. */
export type ItemCheck = { index: number; input: CreateIntentInput } | { index: number; refusal: ApiError };

export function checkItems(items: Record<string, unknown>[]): ItemCheck[] {
  return items.map((item, index) => {
    try {
      return { index, input: parseCreateIntent(item) };
    } catch (error) {
      if (error instanceof ApiError) return { index, refusal: error };
      throw error;
    }
  });
}

const fieldErrorsOf = (error: ApiError): FieldError[] => (error.data as { errors?: FieldError[] } | null)?.errors ?? [];

/** What the answer says of a refused item: the single create's code, message and field list. */
export function refusedItem(check: { index: number; refusal: ApiError }) {
  return {
    index: check.index,
    code: check.refusal.code,
    message: check.refusal.publicMessage,
    errors: fieldErrorsOf(check.refusal),
  };
}

/**
 * An atomic batch with any invalid item: 400, 40002 when any item misses a required field (it takes precedence,
 * as in a single create) else 40001, every failing field as `items[3].price`, and the per-item refusals.
 */
export function atomicRefusal(checks: ItemCheck[]): ApiError | undefined {
  const refused = checks.filter((c) => 'refusal' in c);
  if (refused.length === 0) return undefined;
  const errors = refused.flatMap((c) =>
    fieldErrorsOf(c.refusal).map((e) => ({ field: `items[${c.index}].${e.field}`, message: e.message })),
  );
  const missing = refused.some((c) => c.refusal.code === 40002);
  const base = validationError(errors, missing);
  return new ApiError(missing ? 'MISSING_PARAMETER' : 'INVALID_PARAMETER', {
    message: BATCH_MESSAGES.atomicRefused,
    data: { ...(base.data as object), items: refused.map(refusedItem) },
    reason: `atomic batch refused: ${refused.length} invalid item(s)`,
  });
}
