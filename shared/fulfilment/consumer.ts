// The fulfilment pipeline, one stream record per step:
//   a change into SUBMITTED   → move it to PROCESSING (conditional on SUBMITTED);
//   a change into PROCESSING  → run the platform's adapter, then record COMPLETED or FAILED (conditional on
//                               PROCESSING, so an intent cancelled meanwhile keeps its cancel and is never ordered).
// Splitting the work over the two records keeps each step one conditional write: a redelivered record finds the
// condition false and does nothing, and a crash between steps leaves a record that is retried.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Intent, Platform } from '../domain/intent';
import type { Failure, Order } from '../domain/lifecycle';
import type { FulfilmentAdapter, FulfilmentOutcome } from './adapter';
import { statusChangeOf } from './stream-record';

/** The intents store's conditional transitions, as the pipeline needs them. Each resolves to the updated intent, or
 * undefined when the intent is no longer in the status the step requires (already done, or cancelled). */
export interface FulfilmentStore {
  current(intentId: string): Promise<Intent | undefined>;
  /** `read`: the intent as the caller already has it; the write is conditional on its version either way. */
  startProcessing(intentId: string, read?: Intent): Promise<Intent | undefined>;
  complete(intentId: string, order: Order, read?: Intent): Promise<Intent | undefined>;
  fail(intentId: string, failure: Failure, read?: Intent): Promise<Intent | undefined>;
  /** The platform's order id on a PROCESSING intent (it stays PROCESSING), indexed so the platform's messages find
   * the intent again. */
  recordOrder(intentId: string, platform: Platform, orderId: string, read?: Intent): Promise<Intent | undefined>;
  /** Tells operators the platform refused to cancel the order of a cancelled intent (the console's audit log). */
  recordCancelRefusal(intent: Intent, orderId: string, reason: string): Promise<void>;
}

export type PipelineLog = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface ConsumerDeps {
  store: FulfilmentStore;
  adapterFor: (platform: Platform) => FulfilmentAdapter;
  log: PipelineLog;
  /** An adapter call longer than this fails the record, which is then retried. */
  adapterTimeoutMs: number;
  /** Intents of one batch handled at once (default 16). */
  concurrency?: number;
}

export class AdapterTimeout extends Error {
  constructor(adapter: string, ms: number) {
    super(`${adapter} adapter did not answer within ${ms} ms`);
    this.name = 'AdapterTimeout';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, adapter: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AdapterTimeout(adapter, ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function startProcessing(intent: Intent, deps: ConsumerDeps): Promise<void> {
  // Written over the record's image: a cancel since then fails the version condition and is read afresh.
  const moved = await deps.store.startProcessing(intent.id, intent);
  if (moved) deps.log.info('fulfilment started', { intentId: intent.id });
  else deps.log.info('fulfilment start skipped: intent no longer SUBMITTED', { intentId: intent.id });
}

async function record(intent: Intent, outcome: FulfilmentOutcome, deps: ConsumerDeps): Promise<void> {
  if (outcome.kind === 'pending') {
    deps.log.info('fulfilment awaits the operator', { intentId: intent.id });
    return;
  }
  if (outcome.kind === 'placed') {
    const placed = await deps.store.recordOrder(intent.id, intent.platform, outcome.orderId, intent);
    // Cancelled meanwhile: the CANCELLED record that follows in this shard voids the platform's order.
    if (placed) deps.log.info('platform order recorded', { intentId: intent.id, orderId: outcome.orderId });
    else deps.log.warn('platform order placed but intent left PROCESSING meanwhile', { intentId: intent.id });
    return;
  }
  const written =
    outcome.kind === 'completed'
      ? await deps.store.complete(
          intent.id,
          {
            orderId: outcome.orderId,
            trackingNumber: outcome.trackingNumber,
            trackingCompany: outcome.trackingCompany,
          },
          intent,
        )
      : await deps.store.fail(
          intent.id,
          { failureCode: outcome.failureCode, failureReason: outcome.failureReason },
          intent,
        );
  if (written) deps.log.info('fulfilment recorded', { intentId: intent.id, status: written.status });
  // The cancel won the race: the intent stays CANCELLED. A real adapter's order would be voided here.
  else
    deps.log.warn('fulfilment outcome discarded: intent left PROCESSING meanwhile', {
      intentId: intent.id,
      outcome: outcome.kind,
    });
}

/** Hands a PROCESSING intent to its adapter and records the outcome: the stream record's step, and the JD
 * poller's redrive of intents whose order was never confirmed (the same path, so the same lookup first). */
export async function fulfil(intent: Pick<Intent, 'id'>, deps: ConsumerDeps): Promise<void> {
  // The record may be stale (redelivered, or cancelled since): only a PROCESSING intent is handed to the adapter.
  const current = await deps.store.current(intent.id);
  if (current?.status !== 'PROCESSING') {
    deps.log.info('fulfilment skipped: intent no longer PROCESSING', { intentId: intent.id, status: current?.status });
    return;
  }
  const adapter = deps.adapterFor(current.platform);
  const outcome = await withTimeout(adapter.fulfil(current), deps.adapterTimeoutMs, adapter.name);
  await record(current, outcome, deps);
}

/** A partner's cancel that won while the platform may hold an order: adapters that place orders void it. */
async function voidOrder(intent: Intent, deps: ConsumerDeps): Promise<void> {
  const adapter = deps.adapterFor(intent.platform);
  if (!adapter.void) return;
  const outcome = await withTimeout(adapter.void(intent), deps.adapterTimeoutMs, adapter.name);
  if (outcome.kind === 'refused') {
    await deps.store.recordCancelRefusal(intent, outcome.orderId, outcome.reason);
    deps.log.error('platform refused to cancel the order of a cancelled intent: operators must act', {
      intentId: intent.id,
      orderId: outcome.orderId,
      reason: outcome.reason,
    });
  } else if (outcome.kind === 'cancelled')
    deps.log.info('platform order cancelled', { intentId: intent.id, orderId: outcome.orderId });
}

/** Handles one record; throws when it should be retried. */
export async function processRecord(record: DynamoDBRecord, deps: ConsumerDeps): Promise<void> {
  const change = statusChangeOf(record);
  if (change?.intent.status === 'SUBMITTED') await startProcessing(change.intent, deps);
  else if (change?.intent.status === 'PROCESSING') await fulfil(change.intent, deps);
  else if (change?.intent.status === 'CANCELLED' && change.previousStatus === 'PROCESSING')
    await voidOrder(change.intent, deps);
}

export interface BatchResult {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The intent a record is about (its key), so its records stay in order while other intents run alongside. */
function intentOfRecord(record: DynamoDBRecord): string {
  const pk = record.dynamodb?.Keys?.pk;
  return pk && 'S' in pk && pk.S ? pk.S : (record.dynamodb?.SequenceNumber ?? '');
}

/**
 * Each intent's records are handled in order, different intents concurrently: an adapter takes about a second,
 * and one after another a batch would hold every intent behind it. A failure stops that intent's records; the
 * earliest failed record is reported (ReportBatchItemFailures), so the stream retries from there and redelivers
 * the records after it, which the steps tolerate (each is one conditional write).
 */
export async function processRecords(records: DynamoDBRecord[], deps: ConsumerDeps): Promise<BatchResult> {
  const byIntent = new Map<string, { record: DynamoDBRecord; position: number }[]>();
  records.forEach((record, position) => {
    const key = intentOfRecord(record);
    const list = byIntent.get(key);
    if (list) list.push({ record, position });
    else byIntent.set(key, [{ record, position }]);
  });
  const queue = [...byIntent.values()];
  const failed: number[] = [];
  // A bounded pool: a batch of hundreds of intents must not become hundreds of concurrent writes.
  const worker = async () => {
    for (let list = queue.shift(); list; list = queue.shift()) {
      for (const { record, position } of list) {
        try {
          await processRecord(record, deps);
        } catch (error) {
          deps.log.error('fulfilment step failed; the record will be retried', {
            error: error as Error,
            sequenceNumber: record.dynamodb?.SequenceNumber,
          });
          failed.push(position);
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 16, queue.length) }, worker));
  const first = Math.min(...failed);
  if (!Number.isFinite(first)) return { batchItemFailures: [] };
  return { batchItemFailures: [{ itemIdentifier: records[first]!.dynamodb?.SequenceNumber ?? '' }] };
}
