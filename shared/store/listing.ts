// Lists an app's intents (GET /api/v1/intents): plans the read, reads one page from the index that serves the
// filters (or a bounded, filtered candidate set when none does) and takes the exact total from counters.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidInputError } from '../domain/errors';
import type { ListQuery } from '../schemas/list-query';
import { documentClient, tableName as storeTable } from './client';
import { countTotal } from './listing-count';
import { decodeCursor, encodeCursor, queryBinding } from './listing-cursor';
import { type ListedIntent, matches, toListItem } from './listing-items';
import { indexFor, indexPartition, skAttribute, sortKey } from './listing-keys';
import { planList, type ReadPlan } from './listing-plan';
import { KEY_END, type KeyRange, ListingReader } from './listing-reader';

/** Most intents a filtered read may examine; a query whose candidates exceed it is refused with 40001. */
export const MAX_FILTERED_READ = 5000;

export interface ListResult {
  items: Record<string, unknown>[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  nextCursor?: string;
}

type Row = ListedIntent & Record<string, string>;

/** Reads `need` rows in index order across partitions, merging them (one partition is the common case). */
async function mergedRead(
  reader: ListingReader,
  indexName: string,
  partitions: string[],
  range: KeyRange,
  ascending: boolean,
  need: number,
  skip?: string,
): Promise<Row[]> {
  const sk = skAttribute(indexName);
  const streams = partitions.map((partition) => ({
    partition,
    rows: [] as Row[],
    next: undefined as Record<string, unknown> | undefined,
    done: false,
  }));
  const result: Row[] = [];
  const fill = async (s: (typeof streams)[number]) => {
    // +1: the cursor's own item (when the range starts at it) is dropped.
    const page = await reader.page(
      indexName,
      s.partition,
      range,
      ascending,
      need - result.length + (skip ? 1 : 0),
      s.next,
    );
    s.rows.push(...page.rows.filter((r) => r[sk] !== skip));
    s.next = page.next;
    s.done = !page.next;
  };
  await Promise.all(streams.map(fill));
  while (result.length < need) {
    // Awaited only when a stream ran dry: an await per merged row, even of nothing, cost a microtask turn each.
    const dry = streams.filter((s) => s.rows.length === 0 && !s.done);
    if (dry.length > 0) await Promise.all(dry.map(fill));
    let best: (typeof streams)[number] | undefined;
    for (const s of streams) {
      const head = s.rows[0];
      if (!head) continue;
      const bestHead = best?.rows[0];
      if (!bestHead || (ascending ? head[sk]! < bestHead[sk]! : head[sk]! > bestHead[sk]!)) best = s;
    }
    if (!best) break;
    result.push(best.rows.shift()!);
  }
  return result;
}

function createdRange(plan: ReadPlan): KeyRange {
  return {
    ...(plan.createdFrom ? { from: plan.createdFrom } : {}),
    ...(plan.createdTo ? { to: `${plan.createdTo}#${KEY_END}` } : {}),
  };
}

type Listed = ListResult & { readUnits: number; calls: number };

/** One page request as every read path sees it: the query, its plan, where it starts and the reader that bills. */
interface PageRequest {
  appId: string;
  query: ListQuery;
  plan: ReadPlan;
  reader: ListingReader;
  page: number;
  position: Awaited<ReturnType<typeof decodeCursor>> | undefined;
  /** The query's cursor binding, hashed only when a cursor is read or made: most pages have neither. */
  binding: () => string;
  /** The exact total, counted while the page is read. */
  counting: Promise<number>;
}

export async function listIntents(
  appId: string,
  query: ListQuery,
  client: DynamoDBDocumentClient = documentClient(),
  tableName: string = storeTable(),
): Promise<Listed> {
  const reader = new ListingReader(client, tableName);
  let bound: string | undefined;
  const binding = () => (bound ??= queryBinding(appId, query));
  const position = query.cursor ? await decodeCursor(binding(), query.cursor, query.sortBy) : undefined;
  const page = position?.page ?? query.page;
  const plan = planList(query);
  const request = { appId, query, plan, reader, page, position, binding, counting: Promise.resolve(0) };
  if (plan.empty) return answer(request, [], 0, 0, () => '');
  request.counting = totalOf(request);
  return plan.path === 'direct' ? readDirect(request) : readFiltered(request);
}

/** Without a date range a total is a sum of counters, which exist for every combination of filters; a range is
 * counted per index partition (edges and sub-hour slices read the index). */
function totalOf({ appId, plan, reader }: PageRequest): Promise<number> {
  const createdIndex = indexFor(plan.index.sortBy === 'createdAt' ? plan.index.scope : [], 'createdAt')!;
  const ranged = plan.createdFrom !== undefined || plan.createdTo !== undefined;
  const countScopes = ranged ? plan.scopes : plan.countScopes;
  return countTotal(reader, appId, createdIndex.indexName, countScopes, plan.createdFrom, plan.createdTo);
}

/** An index serves the filters and the order: read the page itself, from the cursor or the page's offset. */
async function readDirect(request: PageRequest): Promise<Listed> {
  const { appId, plan, reader, position, page, query } = request;
  const ascending = plan.order === 'asc';
  const range = plan.index.sortBy === 'createdAt' ? createdRange(plan) : {};
  if (position) {
    if (ascending) range.from = range.from && range.from > position.after ? range.from : position.after;
    else range.to = range.to && range.to < position.after ? range.to : position.after;
  }
  const offset = position ? 0 : (page - 1) * query.pageSize;
  const partitions = plan.scopes.map((s) => indexPartition(appId, s));
  const need = offset + query.pageSize + 1;
  const [rows, total] = await Promise.all([
    mergedRead(reader, plan.index.indexName, partitions, range, ascending, need, position?.after),
    request.counting,
  ]);
  const sk = skAttribute(plan.index.indexName);
  return answer(request, rows, total, offset, (r) => r[sk]!);
}

/** No index serves this combination: read the candidates (bounded, checked against the counters first). */
async function readFiltered(request: PageRequest): Promise<Listed> {
  const { appId, plan, reader, position, page, query } = request;
  const candidates = await request.counting;
  if (candidates > MAX_FILTERED_READ) {
    throw new InvalidInputError([{ field: 'filter', rule: 'filterTooBroad', limit: MAX_FILTERED_READ }]);
  }
  const ascending = plan.order === 'asc';
  const partitions = plan.scopes.map((s) => indexPartition(appId, s));
  const need = candidates + MAX_FILTERED_READ;
  const read = await mergedRead(reader, plan.index.indexName, partitions, createdRange(plan), true, need);
  const keyOf = (r: Row) => sortKey(plan.sortBy, r);
  const rows = read
    .filter((r) => matches(r, plan.residual))
    .sort((a, b) => {
      const order = keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0;
      return ascending ? order : -order;
    });
  let offset = (page - 1) * query.pageSize;
  if (position) {
    const after = position.after;
    const index = rows.findIndex((r) => (ascending ? keyOf(r) > after : keyOf(r) < after));
    offset = index === -1 ? rows.length : index;
  }
  return answer(request, rows, rows.length, offset, keyOf);
}

/** The page of `rows` from `offset`, with the total and, when more follow, the cursor after its last row. */
async function answer(
  { query, page, reader, binding }: PageRequest,
  rows: Row[],
  total: number,
  offset: number,
  lastKey: (r: Row) => string,
): Promise<Listed> {
  const { pageSize } = query;
  const pageRows = rows.slice(offset, offset + pageSize);
  const last = pageRows[pageRows.length - 1];
  const more = rows.length > offset + pageSize;
  return {
    items: pageRows.map((r) => toListItem(r, query.fields)),
    total,
    page,
    pageSize,
    totalPages: Math.ceil(total / pageSize),
    ...(more && last ? { nextCursor: await encodeCursor(binding(), { after: lastKey(last), page: page + 1 }) } : {}),
    readUnits: reader.readUnits,
    calls: reader.calls,
  };
}
