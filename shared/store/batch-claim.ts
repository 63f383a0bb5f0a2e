// The Idempotency-Key of a batch create. A batch may need more than one transaction, so its key cannot be taken
// in the same transaction as its intents (as a single create's is). Instead the key is claimed first with the
// batch's plan (creation time and the intent id of each valid item), then the intents are written, then the
// answer is stored. Whoever finds the plan still pending (a concurrent duplicate, or a retry after a failure)
// writes the same intents again; every intent Put is conditional on its id being new, so each is created once.
import { setTimeout as sleep } from 'node:timers/promises';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client';
import { findRecord, IDEMPOTENCY_WINDOW_MS, type IdempotencyClaim, replay, type StoredResponse } from './idempotency';
import { idempotencyKey } from './keys/intent';

/** What a batch creates, fixed once: the same plan always builds the same intents from the same body. */
export interface BatchPlan {
  nowMs: number;
  /** The id of each item's intent, in request order; null for an item that was refused. */
  ids: (string | null)[];
}

/** The claim's plan to write, and the stored answer when the batch was already answered. */
export interface ClaimedBatch {
  plan: BatchPlan;
  response?: StoredResponse;
  /** True when another request claimed the key first: the answer is that request's. */
  replayed: boolean;
}

/**
 * The read step of a batch with a key: the live claim of the request that took it (waiting for its answer while it
 * may still be running), or undefined when the key is free; 409/40901 for another body.
 */
export async function findBatchClaim(claim: IdempotencyClaim): Promise<ClaimedBatch | undefined> {
  const record = await settledRecord(claim);
  if (!record) return undefined;
  const response = replay(record, claim) as StoredResponse | undefined;
  return { plan: (record as unknown as { plan: BatchPlan }).plan, response, replayed: true };
}

/**
 * The write step: takes the key for `plan`, or returns the claim of the request that took it. `knownFree` says the
 * caller has just looked (`findBatchClaim`) and found the key free, so the first attempt writes without a read.
 */
export async function claimBatch(claim: IdempotencyClaim, plan: BatchPlan, knownFree = false): Promise<ClaimedBatch> {
  // Twice at most: a lost claim means a live record exists, unless it expired in between.
  for (let attempt = 0; attempt < 2; attempt++) {
    const earlier = attempt === 0 && knownFree ? undefined : await findBatchClaim(claim);
    if (earlier) return earlier;
    if (await putPlan(claim, plan)) return { plan, replayed: false };
  }
  throw new Error(`idempotency record for ${claim.key} neither claimable nor readable`);
}

const PENDING_POLLS = 20;
const PENDING_POLL_MS = 100;
/** A plan older than this is not waited for: the request that made it has failed or timed out. */
const FIRST_REQUEST_MS = 30_000;

/**
 * The live record, once answered: a duplicate that arrives while the first request is still writing waits for
 * its answer (up to 2 s, while that request can still be running) rather than writing the same items alongside it; after that it completes the plan itself.
 */
async function settledRecord(claim: IdempotencyClaim) {
  let record = await findRecord(claim);
  const stillRunning = (r: NonNullable<typeof record>) =>
    !r.response && r.bodyHash === claim.bodyHash && claim.nowMs - r.createdAtMs < FIRST_REQUEST_MS;
  for (let poll = 0; record && stillRunning(record) && poll < PENDING_POLLS; poll++) {
    await sleep(PENDING_POLL_MS);
    record = (await findRecord(claim)) ?? record;
  }
  return record;
}

async function putPlan(claim: IdempotencyClaim, plan: BatchPlan): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...idempotencyKey(claim.appId, claim.key),
          entity: 'idempotency',
          appId: claim.appId,
          bodyHash: claim.bodyHash,
          plan,
          createdAtMs: claim.nowMs,
          expiresAt: Math.ceil((claim.nowMs + IDEMPOTENCY_WINDOW_MS) / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk) OR createdAtMs <= :windowStart',
        ExpressionAttributeValues: { ':windowStart': claim.nowMs - IDEMPOTENCY_WINDOW_MS },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Stores the answer once every planned intent exists; from then on a retry only replays it. */
export async function finishBatch(claim: IdempotencyClaim, plan: BatchPlan, response: StoredResponse): Promise<void> {
  await documentClient()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: idempotencyKey(claim.appId, claim.key),
        UpdateExpression: 'SET #response = :response',
        // Only the record of this plan: never a newer claim made after this one expired.
        ConditionExpression: 'bodyHash = :hash AND #plan.nowMs = :nowMs',
        ExpressionAttributeNames: { '#response': 'response', '#plan': 'plan' },
        ExpressionAttributeValues: { ':response': response, ':hash': claim.bodyHash, ':nowMs': plan.nowMs },
      }),
    )
    .catch((error: Error) => {
      // The key expired and was claimed anew: that request owns it now, and these intents exist all the same.
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}
