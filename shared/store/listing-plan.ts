// Turns a parsed list query into a read plan: which index, which partitions (one per combination of equality
// values), the createdAt range as a key condition, and what is left to filter in memory. Pure: no AWS calls.
import { STATUSES } from '../domain/intent';
import type { Condition, ListQuery } from '../schemas/list-query';
import { indexFor, type ListingIndex, SCOPE_FIELDS, type Scope, type ScopeField } from './listing-keys';

/** Most partitions one list call merges (6 statuses × 3 platforms); beyond, the widest field is filtered instead. */
export const MAX_PARTITIONS = 18;

export interface ReadPlan {
  /** True when the filters contradict each other: the answer is empty without any read. */
  empty: boolean;
  /** 'direct': the index order is the answer's order and nothing is filtered: read one page. */
  path: 'direct' | 'filtered';
  index: ListingIndex;
  /** One index partition per combination of equality values. */
  scopes: Scope[];
  /** The counters whose sum is the total without a date range: the filters' own scopes, even when the read fans
   * out over every status (platform filters without a status have no index of their own). */
  countScopes: Scope[];
  /** Inclusive createdAt bounds (ISO ms UTC), served as key conditions on createdAt indexes. */
  createdFrom?: string;
  createdTo?: string;
  /** Conditions no key serves, applied to each read item. */
  residual: Condition[];
  sortBy: ListQuery['sortBy'];
  order: ListQuery['order'];
}

function intersect(current: Set<string> | undefined, values: (string | number)[]): Set<string> {
  const next = new Set(values.map(String));
  return current ? new Set([...current].filter((v) => next.has(v))) : next;
}

export function planList(query: ListQuery): ReadPlan {
  const allowed = new Map<ScopeField, Set<string>>();
  const residual: Condition[] = [];
  let createdFrom: string | undefined;
  let createdTo: string | undefined;

  for (const c of query.conditions) {
    const scoped = (SCOPE_FIELDS as readonly string[]).includes(c.field) && (c.op === 'eq' || c.op === 'in');
    if (scoped) {
      const field = c.field as ScopeField;
      allowed.set(field, intersect(allowed.get(field), c.values));
    } else if (
      c.field === 'createdAt' &&
      (c.op === 'gte' || c.op === 'lte' || (c.op === 'eq' && c.values.length === 1))
    ) {
      const v = String(c.values[0]);
      if (c.op !== 'lte' && (!createdFrom || v > createdFrom)) createdFrom = v;
      if (c.op !== 'gte' && (!createdTo || v < createdTo)) createdTo = v;
    } else {
      residual.push(c);
    }
  }

  // Keep the most selective fields in the key while the number of partitions stays small.
  const keyFields = SCOPE_FIELDS.filter((f) => allowed.has(f));
  const partitions = () => keyFields.reduce((n, f) => n * (allowed.get(f)?.size ?? 1), 1);
  while (partitions() > MAX_PARTITIONS) {
    const widest = keyFields.reduce((a, b) => ((allowed.get(a)?.size ?? 0) >= (allowed.get(b)?.size ?? 0) ? a : b));
    keyFields.splice(keyFields.indexOf(widest), 1);
    residual.push({ field: widest, op: 'in', values: [...(allowed.get(widest) ?? [])] });
  }

  const scopesOf = (fields: ScopeField[]) => {
    let scopes: Scope[] = [{}];
    for (const f of fields) scopes = scopes.flatMap((s) => [...(allowed.get(f) ?? [])].map((v) => ({ ...s, [f]: v })));
    return scopes;
  };
  const countScopes = scopesOf(keyFields);
  // Platform without status has no index: read the status + platform index, one partition per status.
  if (!indexFor(keyFields, 'createdAt')) {
    if (partitions() * STATUSES.length <= MAX_PARTITIONS) {
      allowed.set('status', new Set(STATUSES));
      keyFields.push('status');
    } else {
      keyFields.splice(keyFields.indexOf('platform'), 1);
      residual.push({ field: 'platform', op: 'in', values: [...(allowed.get('platform') ?? [])] });
    }
  }
  const scopes = scopesOf(keyFields);

  const empty =
    [...allowed.values()].some((s) => s.size === 0) || (!!createdFrom && !!createdTo && createdFrom > createdTo);
  const hasRange = createdFrom !== undefined || createdTo !== undefined;
  const createdIndex = indexFor(keyFields, 'createdAt');
  const sortIndex = indexFor(keyFields, query.sortBy);
  // Only the app-wide updatedAt/price orders exist; any other combination reads the createdAt index and sorts.
  const direct = residual.length === 0 && sortIndex !== undefined && (query.sortBy === 'createdAt' || !hasRange);
  const index = direct ? sortIndex : createdIndex;
  if (!index) throw new Error(`no createdAt index for ${keyFields.join(',')}`);
  return {
    empty,
    path: direct ? 'direct' : 'filtered',
    index,
    scopes,
    countScopes,
    ...(createdFrom ? { createdFrom } : {}),
    ...(createdTo ? { createdTo } : {}),
    residual,
    sortBy: query.sortBy,
    order: query.order,
  };
}
