// The listing counters' stream consumer: deltas of a batch aggregated per counter item and applied in as few
// transactions as fit, each one also moving a per-intent marker to the version it counts up to. A marker whose
// condition fails names a record already counted (a redelivered or bisected batch, or a commit whose answer was
// lost), so that record is dropped and the rest committed again: nothing counts twice, whatever the batch looks
// like. Records of one intent arrive in order (one shard, parents before children), so "marker below this
// version" is exactly "not counted yet". One intent's changes within a batch (a create and its fulfilment steps,
// say) are counted as one: their deltas netted, its marker moved from below the first version to the last, so a
// status it passed through costs nothing and the batch needs no extra transaction per repeated intent.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import { type CounterDelta, counterId, counterItemId } from '../store/listing-keys';
import { type CounterChange, counterChangeOf } from './changes';

/** One intent's dedupe marker in a commit: set to `version` only if it is still below it (or absent). */
export interface MarkerWrite {
  intentId: string;
  version: number;
  /** The first version this write counts (several changes of the intent counted as one): the marker must be below
   * it. Absent: `version`. */
  from?: number;
  /** Deleted intents' markers expire once no record of them can still be delivered. */
  deleted: boolean;
}

export type CommitResult = { committed: true } | { committed: false; duplicates: number[] };

/** The counters' table: one atomic write of markers and ADDs (shared/store/counter-table.ts on DynamoDB). */
export interface CounterTable {
  /**
   * Writes every marker and adds every delta atomically. When markers' conditions fail nothing is written and
   * their indexes are returned; any other failure (throttling, timeout, conflict) throws.
   */
  commit(markers: MarkerWrite[], deltas: CounterDelta[]): Promise<CommitResult>;
}

export interface AggregatorOptions {
  table: CounterTable;
  /** Attempts per chunk on errors (throttling, timeouts, transaction conflicts) before the batch reports it. */
  attempts?: number;
  /** Backoff before attempt n (ms); tests pass 0. */
  backoffMs?: (attempt: number) => number;
  log?: Pick<Logger, 'warn'>;
}

/** DynamoDB's limit of items in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/** One or more changes of one intent from one batch, counted as one. */
export interface CountedChange extends CounterChange {
  /** The first of the changes' versions. */
  from: number;
  parts: CounterChange[];
}

interface Chunk {
  changes: CountedChange[];
}

const single = (change: CounterChange): CountedChange => ({ ...change, from: change.version, parts: [change] });

/**
 * Each intent's changes of a batch as one, in the order of their first record: deltas netted, versions from the
 * first to the last. A version out of order (never sent by a stream, where an intent's records keep their order)
 * is kept apart, and `chunksOf` gives it a transaction of its own.
 */
export function mergeByIntent(changes: CounterChange[]): CountedChange[] {
  const merged: CountedChange[] = [];
  const open = new Map<string, CountedChange>();
  for (const change of changes) {
    const known = open.get(change.intentId);
    if (known && change.version > known.version) {
      known.parts.push(change);
      known.version = change.version;
      known.deleted = change.deleted;
      known.deltas = aggregate(known.parts);
    } else {
      const counted = single(change);
      merged.push(counted);
      open.set(change.intentId, counted);
    }
  }
  return merged;
}

/** Net deltas of some changes, one per count, zeros left out. */
export function aggregate(changes: CounterChange[]): CounterDelta[] {
  const sums = new Map<string, CounterDelta>();
  for (const change of changes)
    for (const d of change.deltas) {
      const id = counterId(d);
      const sum = sums.get(id);
      if (sum) sum.delta += d.delta;
      else sums.set(id, { pk: d.pk, sk: d.sk, attribute: d.attribute, delta: d.delta });
    }
  return [...sums.values()].filter((d) => d.delta !== 0);
}

/**
 * Consecutive changes grouped so each group is one transaction: markers plus distinct counter items within the item
 * limit, and no intent twice (a transaction may not touch one item twice; its later change starts a new group).
 */
export function chunksOf(changes: CountedChange[]): Chunk[] {
  const chunks: Chunk[] = [];
  let current: CountedChange[] = [];
  let intents = new Set<string>();
  let items = new Set<string>();
  for (const change of changes) {
    const added = change.deltas.map(counterItemId).filter((id) => !items.has(id));
    const fits = current.length + 1 + items.size + new Set(added).size <= MAX_TRANSACTION_ITEMS;
    if (current.length && (!fits || intents.has(change.intentId))) {
      chunks.push({ changes: current });
      current = [];
      intents = new Set();
      items = new Set();
    }
    current.push(change);
    intents.add(change.intentId);
    for (const d of change.deltas) items.add(counterItemId(d));
  }
  if (current.length) chunks.push({ changes: current });
  return chunks;
}

const pause = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

async function commitChunk(chunk: Chunk, options: AggregatorOptions): Promise<void> {
  const attempts = options.attempts ?? 5;
  const backoff = options.backoffMs ?? ((n: number) => Math.random() * 50 * 2 ** n);
  let pending = chunk.changes;
  /** Merged changes some of whose parts were counted already: their parts are committed one by one after. */
  const split: CounterChange[] = [];
  for (let attempt = 1; pending.length; ) {
    const markers = pending.map((c) => ({
      intentId: c.intentId,
      version: c.version,
      from: c.from,
      deleted: c.deleted,
    }));
    let result: CommitResult;
    try {
      result = await options.table.commit(markers, aggregate(pending));
    } catch (error) {
      if (attempt >= attempts) throw error;
      options.log?.warn('counter commit failed; retrying', { error: error as Error, attempt });
      await pause(backoff(attempt));
      attempt += 1;
      continue;
    }
    if (result.committed) break;
    const counted = new Set(result.duplicates);
    // Defensive: a refusal naming no marker would otherwise loop forever.
    if (counted.size === 0) throw new Error('counter commit refused without naming a counted record');
    for (const i of counted) if (pending[i]!.parts.length > 1) split.push(...pending[i]!.parts);
    pending = pending.filter((_, i) => !counted.has(i));
  }
  // Each part on its own: the counted ones are refused and dropped, the rest counted (one intent per transaction).
  for (const part of chunksOf(split.map(single))) await commitChunk(part, options);
}

export interface BatchResult {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * Applies a batch of stream records to the counters. Chunks commit in record order; the first chunk that keeps
 * failing is reported from its first record (partial batch response), so the source retries from there and the
 * chunks before it, already committed, are not counted again (their markers refuse them).
 */
export async function applyToCounters(records: DynamoDBRecord[], options: AggregatorOptions): Promise<BatchResult> {
  const changes: CounterChange[] = [];
  for (const record of records) {
    const change = counterChangeOf(record);
    if (change) changes.push(change);
  }
  for (const chunk of chunksOf(mergeByIntent(changes))) {
    try {
      await commitChunk(chunk, options);
    } catch (error) {
      options.log?.warn('counter chunk failed; the batch is retried from it', { error: error as Error });
      return { batchItemFailures: [{ itemIdentifier: chunk.changes[0]!.sequenceNumber }] };
    }
  }
  return { batchItemFailures: [] };
}
