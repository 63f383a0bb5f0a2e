// Key shapes of the listing indexes and of the counter items that make list totals exact at O(1) cost.
// The intents store puts `listingAttributes(intent)` on every intent item; the stream consumer
// (shared/counters/aggregate.ts) applies `counterDeltas(old image, new image)` of every change to the counters.
import type { Intent, IntentStatus, Platform } from '../domain/intent';

/** The equality filters an index (and a counter) can serve; absent means "any". */
export interface Scope {
  userId?: string;
  status?: IntentStatus;
  platform?: Platform;
}

export type ScopeField = keyof Scope;
export type SortField = 'createdAt' | 'updatedAt' | 'price';

export interface ListingIndex {
  indexName: string;
  /** Which equality filters the partition key carries. */
  scope: readonly ScopeField[];
  sortBy: SortField;
}

/**
 * Indexes sorted by createdAt for the combinations of userId/status/platform, plus app-wide updatedAt and price
 * orders. Sort keys end in `#<id>`, so ties are broken by id. Platform alone and userId + platform have no index
 * of their own (every write would pay for one): they read the status + platform indexes, one partition per status
 * (shared/store/listing-plan.ts), still a bounded number of pages.
 */
export const LISTING_INDEXES = [
  { indexName: 'gsi1', scope: [], sortBy: 'createdAt' },
  { indexName: 'gsi2', scope: ['userId'], sortBy: 'createdAt' },
  { indexName: 'gsi3', scope: ['status'], sortBy: 'createdAt' },
  { indexName: 'gsi5', scope: ['userId', 'status'], sortBy: 'createdAt' },
  { indexName: 'gsi7', scope: ['status', 'platform'], sortBy: 'createdAt' },
  { indexName: 'gsi8', scope: ['userId', 'status', 'platform'], sortBy: 'createdAt' },
  { indexName: 'gsi9', scope: [], sortBy: 'updatedAt' },
  { indexName: 'gsi10', scope: [], sortBy: 'price' },
] as const satisfies readonly ListingIndex[];

/** Attributes every listing index projects: enough to answer a list item without reading the intent itself. */
export const LISTED_ATTRIBUTES = [
  'id',
  'userId',
  'platform',
  'title',
  'priceFen',
  'quantity',
  'totalAmountFen',
  'status',
  'createdAt',
  'updatedAt',
] as const;

export const SCOPE_FIELDS: readonly ScopeField[] = ['userId', 'status', 'platform'];

/**
 * Key attributes are shared where values are equal: every createdAt index sorts on `gsi1sk` and every app-wide
 * index partitions on `gsi1pk`. An intent item then carries 12 key attributes instead of 20 (~500 B less), which
 * keeps a typical intent under the 1 KB that a transactional write bills per 2 write units.
 */
export function pkAttribute(indexName: string): string {
  const index = LISTING_INDEXES.find((i) => i.indexName === indexName);
  return index && index.scope.length === 0 ? 'gsi1pk' : `${indexName}pk`;
}
export function skAttribute(indexName: string): string {
  const index = LISTING_INDEXES.find((i) => i.indexName === indexName);
  return index && index.sortBy === 'createdAt' ? 'gsi1sk' : `${indexName}sk`;
}

/** Stable name of a combination of equality filters: `ALL`, `U#u1`, `U#u1#S#DRAFT#P#JD`... */
export function scopeKey(scope: Scope): string {
  // Concatenation rather than an array join: this runs 18 times in every create.
  let key = '';
  if (scope.userId !== undefined) key += `#U#${scope.userId}`;
  if (scope.status !== undefined) key += `#S#${scope.status}`;
  if (scope.platform !== undefined) key += `#P#${scope.platform}`;
  return key ? key.slice(1) : 'ALL';
}

export function indexFor(fields: readonly ScopeField[], sortBy: SortField): ListingIndex | undefined {
  return LISTING_INDEXES.find(
    (i) => i.sortBy === sortBy && i.scope.length === fields.length && fields.every((f) => i.scope.includes(f as never)),
  );
}

/** Partition key value of an index for one app and one combination of equality filters. */
export function indexPartition(appId: string, scope: Scope): string {
  return `${appId}#${scopeKey(scope)}`;
}

const PRICE_DIGITS = 12;

/** The sort value an index orders by, fixed-width so string order is value order. */
export function sortValue(sortBy: SortField, item: { createdAt: string; updatedAt: string; priceFen: number }): string {
  if (sortBy === 'price') return String(item.priceFen).padStart(PRICE_DIGITS, '0');
  return sortBy === 'createdAt' ? item.createdAt : item.updatedAt;
}

const ID_PREFIX = 'intent_'.length;

/** `<sort value>#<id without its constant "intent_" prefix>`: same order, 7 bytes less in each of three keys. */
export function sortKey(
  sortBy: SortField,
  item: { id: string; createdAt: string; updatedAt: string; priceFen: number },
) {
  return `${sortValue(sortBy, item)}#${item.id.slice(ID_PREFIX)}`;
}

function scopeOf(intent: Intent, fields: readonly ScopeField[]): Scope {
  const scope: Scope = {};
  for (const f of fields) (scope as Record<string, string>)[f] = intent[f];
  return scope;
}

// Each index's attribute names, made once: names concatenated per call are new strings V8 must look up on every
// property write and every copy of the item. A shared attribute is written by the first index that uses it.
const seen = new Set<string>();
const INDEX_ATTRIBUTES = LISTING_INDEXES.map((index) => {
  const pk = pkAttribute(index.indexName);
  const sk = skAttribute(index.indexName);
  const entry = { index, pk: seen.has(pk) ? undefined : pk, sk: seen.has(sk) ? undefined : sk };
  seen.add(pk).add(sk);
  return entry;
});

/**
 * The GSI key attributes to put on an intent item (and to SET again whenever status or updatedAt changes), written
 * into `item` when given, so the store builds an intent item as one object rather than copying these into it.
 */
export function listingAttributes<T extends object = Record<string, string>>(
  intent: Intent,
  item: T = {} as T,
): T & Record<string, string> {
  const attributes = item as Record<string, string>;
  for (const { index, pk, sk } of INDEX_ATTRIBUTES) {
    if (pk) attributes[pk] = indexPartition(intent.appId, scopeOf(intent, index.scope));
    if (sk) attributes[sk] = sortKey(index.sortBy, intent);
  }
  return item as T & Record<string, string>;
}

// ---- counters ----

/** Counter buckets: the whole history plus the month, day and hour of createdAt, so date-range totals are exact. */
export type Bucket = 'ALL' | `M#${string}` | `D#${string}` | `H#${string}`;

export function bucketsOf(createdAt: string): Bucket[] {
  return ['ALL', `M#${createdAt.slice(0, 7)}`, `D#${createdAt.slice(0, 10)}`, `H#${createdAt.slice(0, 13)}`];
}

/**
 * One count: an attribute of a counter item, named after its bucket. A scope keeps two kinds of item: its
 * whole-history item (`sk ALL`) holds the total and one count per month, and each day's item (`sk D#YYYY-MM-DD`)
 * holds that day's count and one per hour. So a change moves 2 items per scope rather than 4, and a date range
 * still reads whole months from one item.
 */
export interface CounterKey {
  pk: string;
  sk: string;
  attribute: Bucket;
}

const counterPk = (appId: string, scope: Scope) => `COUNT#${appId}#${scopeKey(scope)}`;

/** The item a bucket's count is kept in: `ALL` for the total and the months, the day's item for a day and its hours. */
function itemOf(bucket: Bucket): string {
  return bucket === 'ALL' || bucket.startsWith('M#') ? 'ALL' : `D#${bucket.slice(2, 12)}`;
}

export function counterKey(appId: string, scope: Scope, bucket: Bucket): CounterKey {
  return { pk: counterPk(appId, scope), sk: itemOf(bucket), attribute: bucket };
}

/** Identifies one count, and the item it is kept in. */
export const counterId = (k: CounterKey) => `${k.pk}\u0000${k.sk}\u0000${k.attribute}`;
export const counterItemId = (k: { pk: string; sk: string }) => `${k.pk}\u0000${k.sk}`;

const COUNTER_ITEM_KEYS = new Set(['pk', 'sk', 'entity']);

/** The counts a stored counter item holds. */
export function countsIn(item: Record<string, unknown>): [CounterKey, number][] {
  const pk = String(item.pk);
  const sk = String(item.sk);
  return Object.entries(item)
    .filter(([name]) => !COUNTER_ITEM_KEYS.has(name))
    .map(([attribute, n]) => [{ pk, sk, attribute: attribute as Bucket }, Number(n)]);
}

/** Counts (or anything keyed like them) grouped by the counter item that holds them, in first-seen order: one
 * update, one read or one stored item per group. */
export function byCounterItem<T extends { pk: string; sk: string }>(keys: Iterable<T>): T[][] {
  const groups = new Map<string, T[]>();
  for (const key of keys) {
    const id = counterItemId(key);
    const group = groups.get(id);
    if (group) group.push(key);
    else groups.set(id, [key]);
  }
  return [...groups.values()];
}

/** A tally of counts by counterId, with their keys (a recount, a bulk load). */
export type CountTally = Map<string, [CounterKey, number]>;

/** Adds one intent to a tally: one to every count it is in. */
export function tallyIntent(tally: CountTally, intent: Intent): void {
  for (const key of countedIn(intent)) {
    const entry = tally.get(counterId(key));
    if (entry) entry[1] += 1;
    else tally.set(counterId(key), [key, 1]);
  }
}

/** Counts as the items that hold them (what the recount and the bulk loader write), zeros left out. */
export function counterItems(counts: Iterable<[CounterKey, number]>): Record<string, unknown>[] {
  const nonZero = [...counts].filter(([, n]) => n !== 0).map(([key, n]) => ({ ...key, n }));
  return byCounterItem(nonZero).map((group) => {
    const item: Record<string, unknown> = { pk: group[0]!.pk, sk: group[0]!.sk, entity: 'counter' };
    for (const count of group) item[count.attribute] = count.n;
    return item;
  });
}

/** Every combination of equality filters has a counter, indexed or not, so each total is one counter read. */
export const COUNTED_SCOPES: readonly (readonly ScopeField[])[] = [
  [],
  ['userId'],
  ['status'],
  ['platform'],
  ['userId', 'status'],
  ['userId', 'platform'],
  ['status', 'platform'],
  ['userId', 'status', 'platform'],
];

/** Every (scope, bucket) count one intent is in: 8 combinations of its userId/status/platform × 4 buckets, kept in
 * 2 items per scope. */
export function countedIn(intent: Intent): CounterKey[] {
  const keys: CounterKey[] = [];
  const buckets = bucketsOf(intent.createdAt);
  for (const fields of COUNTED_SCOPES) {
    const pk = counterPk(intent.appId, scopeOf(intent, fields));
    for (const bucket of buckets) keys.push({ pk, sk: itemOf(bucket), attribute: bucket });
  }
  return keys;
}

export interface CounterDelta extends CounterKey {
  delta: number;
}

/**
 * Net change per count between two states of an intent; zero deltas are left out. An intent is in each count at
 * most once, so a count both states are in nets to zero and every other count moves by one.
 */
export function counterDeltas(before: Intent | null, after: Intent | null): CounterDelta[] {
  const was = before ? countedIn(before) : [];
  const is = after ? countedIn(after) : [];
  // Only a change has counts both states are in; a create or a delete moves every count of its one state.
  const wasIds = new Set(is.length ? was.map(counterId) : []);
  const isIds = new Set(was.length ? is.map(counterId) : []);
  const deltas: CounterDelta[] = [];
  for (const k of was) if (isIds.size === 0 || !isIds.has(counterId(k))) deltas.push({ ...k, delta: -1 });
  for (const k of is) if (wasIds.size === 0 || !wasIds.has(counterId(k))) deltas.push({ ...k, delta: 1 });
  return deltas;
}
