// Parses GET /api/v1/intents query strings (API reference: Routes) into one normalised ListQuery. Every problem is
// collected, so a 40001 lists all failing parameters at once.
import * as z from 'zod/mini';
import { PLATFORMS, STATUSES } from '../domain/intent';
import { type FieldError, validationError } from '../http/errors';
import { LIST_QUERY_MESSAGES, MESSAGES } from '../http/messages';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_IN_VALUES = 50;
/**
 * Most items a page number may skip to: page × pageSize (pageSize after capping) at most this, else 40001. A numbered
 * page reads every item before it, so a deeper page would cost like a scan (a 503 when DynamoDB throttled it); past
 * it, `cursor` pages at constant cost. 10 000 is the window search engines use for the same reason.
 */
export const MAX_PAGE_WINDOW = 10_000;

export const ITEM_FIELDS = [
  'id',
  'userId',
  'platform',
  'title',
  'price',
  'quantity',
  'totalAmount',
  'status',
  'createdAt',
  'updatedAt',
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

export const FILTER_FIELDS = [
  'status',
  'platform',
  'userId',
  'title',
  'price',
  'quantity',
  'totalAmount',
  'createdAt',
  'updatedAt',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const OPERATORS = ['eq', 'in', 'gte', 'lte', 'like'] as const;
export type Operator = (typeof OPERATORS)[number];

/** One condition; values are already in stored units: fen for money, ISO ms UTC for times. */
export interface Condition {
  field: FilterField;
  op: Operator;
  values: (string | number)[];
}

export interface ListQuery {
  page: number;
  pageSize: number;
  sortBy: 'createdAt' | 'updatedAt' | 'price';
  order: 'asc' | 'desc';
  fields?: ItemField[];
  cursor?: string;
  conditions: Condition[];
}

const positiveInt = z.pipe(
  z.pipe(z.string().check(z.regex(/^\d{1,9}$/, LIST_QUERY_MESSAGES.positiveInteger)), z.transform(Number)),
  z.number().check(z.int(), z.minimum(1, LIST_QUERY_MESSAGES.atLeastOne)),
);

const sortOrder = z.enum(['asc', 'desc'], LIST_QUERY_MESSAGES.order);

const scalars = z.object({
  page: z.optional(positiveInt),
  pageSize: z.optional(positiveInt),
  sortBy: z.optional(z.enum(['createdAt', 'updatedAt', 'price'], LIST_QUERY_MESSAGES.sortBy)),
  order: z.optional(sortOrder),
  sortOrder: z.optional(sortOrder),
  fields: z.optional(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((s) => s.split(',')),
      ),
      z.array(z.enum(ITEM_FIELDS, LIST_QUERY_MESSAGES.fields(ITEM_FIELDS))).check(z.minLength(1)),
    ),
  ),
  cursor: z.optional(
    z.string().check(z.minLength(1, LIST_QUERY_MESSAGES.empty), z.maxLength(2048, LIST_QUERY_MESSAGES.tooLong)),
  ),
});

const DIRECT_EQUALITY = ['status', 'userId', 'platform'] as const;
const DATE_BOUNDS = { startDate: 'gte', startTime: 'gte', endDate: 'lte', endTime: 'lte' } as const;
const FILTER_KEY = /^filter\[([^\]]*)\](?:\[([^\]]*)\])?$/;

const USER_ID = /^[A-Za-z0-9_.:@-]{1,64}$/;
const MONEY = /^\d{1,9}(\.\d{1,2})?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Money in yuan to integer fen, exactly (no float rounding): '19.99' → 1999. */
export function yuanToFen(text: string): number {
  const [whole = '0', frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/**
 * An ISO 8601 instant to the ms-precision UTC string items store. A date alone is the whole day: its first ms as
 * a lower bound, its last as an upper one; sub-ms digits round inward so inclusive bounds stay exact.
 */
export function isoInstant(text: string, bound: 'lower' | 'upper'): string | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const dateOnly = h === undefined;
  const base = dateOnly
    ? `${y}-${mo}-${d}T${bound === 'lower' ? '00:00:00.000' : '23:59:59.999'}Z`
    : `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}.${(frac ?? '').slice(0, 3).padEnd(3, '0')}${zone ?? 'Z'}`;
  let ms = Date.parse(base);
  if (Number.isNaN(ms)) return undefined;
  // Reject dates the parser silently rolled over (2026-02-30).
  if (new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() !== Number(d)) return undefined;
  if (bound === 'lower' && frac && /[1-9]/.test(frac.slice(3))) ms += 1;
  if (ms < 0 || ms > Date.parse('9999-12-31T23:59:59.999Z')) return undefined;
  return new Date(ms).toISOString();
}

type Parsed = { ok: true; value: string | number } | { ok: false; message: string };

function parseValue(field: FilterField, op: Operator, raw: string): Parsed {
  if (raw === '') return { ok: false, message: LIST_QUERY_MESSAGES.empty };
  if (op === 'like')
    return raw.length <= 200
      ? { ok: true, value: raw.toLowerCase() }
      : { ok: false, message: LIST_QUERY_MESSAGES.tooLong };
  switch (field) {
    case 'status':
      return (STATUSES as readonly string[]).includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, message: LIST_QUERY_MESSAGES.status(STATUSES) };
    case 'platform':
      return (PLATFORMS as readonly string[]).includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, message: LIST_QUERY_MESSAGES.platform(PLATFORMS) };
    case 'userId':
      return USER_ID.test(raw) ? { ok: true, value: raw } : { ok: false, message: LIST_QUERY_MESSAGES.userId };
    case 'title':
      return raw.length <= 200 ? { ok: true, value: raw } : { ok: false, message: LIST_QUERY_MESSAGES.tooLong };
    case 'price':
    case 'totalAmount':
      return MONEY.test(raw) ? { ok: true, value: yuanToFen(raw) } : { ok: false, message: LIST_QUERY_MESSAGES.money };
    case 'quantity':
      return /^\d{1,9}$/.test(raw)
        ? { ok: true, value: Number(raw) }
        : { ok: false, message: LIST_QUERY_MESSAGES.integer };
    case 'createdAt':
    case 'updatedAt': {
      const instant = isoInstant(raw, op === 'lte' ? 'upper' : 'lower');
      return instant ? { ok: true, value: instant } : { ok: false, message: LIST_QUERY_MESSAGES.instant };
    }
  }
}

function condition(field: FilterField, op: Operator, raw: string, name: string, errors: FieldError[]): Condition[] {
  // A date alone in an equality means the whole day: two bounds.
  if ((field === 'createdAt' || field === 'updatedAt') && op === 'eq' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    return [...condition(field, 'gte', raw, name, errors), ...condition(field, 'lte', raw, name, errors)];
  }
  const raws = op === 'in' ? raw.split(',') : [raw];
  if (op === 'in' && raws.length > MAX_IN_VALUES) {
    errors.push({ field: name, message: LIST_QUERY_MESSAGES.tooManyValues(MAX_IN_VALUES) });
    return [];
  }
  const values: (string | number)[] = [];
  for (const r of raws) {
    const parsed = parseValue(field, op, r);
    if (parsed.ok) values.push(parsed.value);
    else errors.push({ field: name, message: parsed.message });
  }
  return values.length === raws.length ? [{ field, op, values }] : [];
}

/** Parses a raw query string; throws 400/40001 listing every failing parameter. */
export function parseListQuery(rawQueryString: string): ListQuery {
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    if (seen.has(key)) errors.push({ field: key, message: MESSAGES.repeatedParameter });
    else seen.set(key, value);
  }

  const conditions: Condition[] = [];
  const scalarInput: Record<string, string> = {};
  for (const [key, value] of seen) {
    // Own keys only: `constructor`, `toString` or `__proto__` are unknown parameters, not inherited members.
    if (Object.hasOwn(scalars.shape, key)) {
      scalarInput[key] = value;
    } else if ((DIRECT_EQUALITY as readonly string[]).includes(key)) {
      conditions.push(...condition(key as FilterField, 'eq', value, key, errors));
    } else if (Object.hasOwn(DATE_BOUNDS, key)) {
      const op = DATE_BOUNDS[key as keyof typeof DATE_BOUNDS];
      const instant = value === '' ? undefined : isoInstant(value, op === 'gte' ? 'lower' : 'upper');
      if (instant) conditions.push({ field: 'createdAt', op, values: [instant] });
      else errors.push({ field: key, message: LIST_QUERY_MESSAGES.instant });
    } else {
      const m = FILTER_KEY.exec(key);
      if (!m) {
        errors.push({ field: key, message: MESSAGES.unknownParameter });
        continue;
      }
      const [, field = '', op = 'eq'] = m;
      if (!(FILTER_FIELDS as readonly string[]).includes(field)) {
        errors.push({ field: key, message: LIST_QUERY_MESSAGES.filterField(FILTER_FIELDS) });
      } else if (!(OPERATORS as readonly string[]).includes(op)) {
        errors.push({ field: key, message: LIST_QUERY_MESSAGES.filterOperator(OPERATORS) });
      } else {
        conditions.push(...condition(field as FilterField, op as Operator, value, key, errors));
      }
    }
  }

  const parsed = scalars.safeParse(scalarInput);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors.push({ field: String(issue.path[0] ?? 'query'), message: issue.message });
  }
  const page = parsed.data?.page ?? 1;
  const pageSize = Math.min(parsed.data?.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (page * pageSize > MAX_PAGE_WINDOW)
    errors.push({ field: 'page', message: LIST_QUERY_MESSAGES.pageWindow(MAX_PAGE_WINDOW) });
  if (errors.length || !parsed.success) throw validationError(errors, false);

  const s = parsed.data;
  return {
    page,
    pageSize,
    sortBy: s.sortBy ?? 'createdAt',
    order: s.order ?? s.sortOrder ?? 'desc',
    ...(s.fields ? { fields: [...new Set(s.fields)] } : {}),
    ...(s.cursor ? { cursor: s.cursor } : {}),
    conditions,
  };
}
