// Batch creates (POST /intents/batch). Every intent is written with `createWrites`, what a single create writes,
// so it is stored, counted, fulfilled and announced exactly like one. How the writes are grouped:
// - As few transactions as fit DynamoDB's 100 items, in request order: intents of one batch share counter items,
//   which a transaction must touch once, so they are summed (today 2 items per intent plus at most 32 counters
//   for a batch of one userId, status and platform: up to 34 intents per transaction). The chunking measures
//   whatever `createWrites` returns, so once the listing counters leave the request path it packs 50 intents
//   (2 items each) into one transaction with no code change here.
// - Chunks are written one after the other: they share the app-wide counter items, and parallel transactions on
//   the same items would cancel each other (TransactionConflict) and retry.
// - Non-atomic: a failed chunk fails its items only; the others stand. Atomic: the first failure fails the request
//   (a whole-request 503/500). An atomic batch that fits one transaction (every batch of one userId today, every
//   batch once counters move) is all or nothing in DynamoDB itself; one that needs several (many userIds today)
//   relies on its Idempotency-Key: a retry with the key writes exactly the rest of the same plan.
import type { Actor, Intent } from '../domain/intent';
import { logger } from '../logger';
import { type BatchPlan, type ClaimedBatch, claimBatch, finishBatch } from './batch-claim';
import type { IdempotencyClaim } from './idempotency';
import { createWrites } from './intents';
import { cancellationCodes, type TransactItem, transactWrite } from './transaction';

export const MAX_TRANSACTION_ITEMS = 100;

function itemKey(item: TransactItem): string {
  const key = (item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key) as {
    pk: string;
    sk: string;
  };
  const table = item.Put?.TableName ?? item.Update?.TableName ?? item.Delete?.TableName;
  return `${table}\u0000${key.pk}\u0000${key.sk}`;
}

/** Intents in request order, grouped into the fewest transactions of at most 100 distinct items. */
export function createChunks(intents: Intent[], actor: Actor): Intent[][] {
  const chunks: Intent[][] = [];
  let chunk: Intent[] = [];
  let keys = new Set<string>();
  for (const intent of intents) {
    const own = createWrites([intent], actor).map(itemKey);
    const grown = new Set([...keys, ...own]);
    if (chunk.length > 0 && grown.size > MAX_TRANSACTION_ITEMS) {
      chunks.push(chunk);
      chunk = [intent];
      keys = new Set(own);
    } else {
      chunk.push(intent);
      keys = grown;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

async function writeChunk(chunk: Intent[], actor: Actor): Promise<void> {
  try {
    await transactWrite(createWrites(chunk, actor));
  } catch (error) {
    // Intent ids are new unless a concurrent request with the same Idempotency-Key wrote this same chunk of the
    // same plan first (a transaction is all or nothing, so then all of it is there): created, just not by us.
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return;
    throw error;
  }
}

export interface BatchJob {
  claim?: IdempotencyClaim;
  /** What `findBatchClaim` found for the claim just before (null: the key was free); absent: not looked yet. */
  earlier?: ClaimedBatch | null;
  plan: BatchPlan;
  atomic: boolean;
  /** The intents a plan creates, one per item (undefined for a refused item); the same for the same plan. */
  intentsOf: (plan: BatchPlan) => (Intent | undefined)[];
  /** The answer: `failures` holds the error of every intent whose write failed, by id. */
  answer: (intents: (Intent | undefined)[], failures: Map<string, unknown>) => unknown;
}

export interface BatchResult {
  data: unknown;
  replayed: boolean;
}

/** Creates a batch's intents once per Idempotency-Key: claims the key (unless `earlier` holds its claim), then writes. */
export async function createBatch(job: BatchJob, actor: Actor): Promise<BatchResult> {
  let plan = job.plan;
  let replayed = false;
  if (job.claim) {
    const claimed = job.earlier ?? (await claimBatch(job.claim, job.plan, job.earlier === null));
    if (claimed.response) return { data: claimed.response.data, replayed: true };
    ({ plan, replayed } = claimed);
  }
  const intents = job.intentsOf(plan);
  const failures = new Map<string, unknown>();
  const chunks = createChunks(
    intents.filter((i): i is Intent => i !== undefined),
    actor,
  );
  for (const chunk of chunks) {
    try {
      await writeChunk(chunk, actor);
    } catch (error) {
      if (job.atomic) throw error;
      logger.warn('batch chunk failed', { error: error as Error, intents: chunk.length });
      for (const intent of chunk) failures.set(intent.id, error);
    }
  }
  const data = job.answer(intents, failures);
  // With failures the plan stays pending: a retry with the same key writes what is missing.
  if (job.claim && failures.size === 0) await finishBatch(job.claim, plan, { status: 200, data });
  return { data, replayed };
}
