// Idempotency records for POST /intents: written in the same transaction as the intent (conditional on no live
// record), so concurrent duplicates create exactly one intent and a replay can never point at a missing one.
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { IdempotencyConflictError } from '../domain/errors';
import { documentClient, tableName } from './client';
import { idempotencyKey } from './keys/intent';
import type { TransactItem } from './transaction';

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What one create asks for: this app, this key, this body, at this time. */
export interface IdempotencyClaim {
  appId: string;
  key: string;
  bodyHash: string;
  nowMs: number;
}

/** The first response, kept to be replayed. */
export interface StoredResponse {
  status: number;
  data: unknown;
}

interface IdempotencyRecord {
  bodyHash: string;
  response: StoredResponse;
  createdAtMs: number;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** The same JSON body hashes the same whatever its key order or whitespace. */
export function bodyHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

/** The Put that claims the key, valid only while no live record holds it. */
export function claimItem(claim: IdempotencyClaim, response: StoredResponse): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...idempotencyKey(claim.appId, claim.key),
        entity: 'idempotency',
        appId: claim.appId,
        bodyHash: claim.bodyHash,
        response,
        createdAtMs: claim.nowMs,
        // TTL deletes it eventually; until then the condition below treats it as gone after 24 h.
        expiresAt: Math.ceil((claim.nowMs + IDEMPOTENCY_WINDOW_MS) / 1000),
      },
      ConditionExpression: 'attribute_not_exists(pk) OR createdAtMs <= :windowStart',
      ExpressionAttributeValues: { ':windowStart': claim.nowMs - IDEMPOTENCY_WINDOW_MS },
    },
  };
}

/** The live record for the claim's key, if any (a strongly consistent read: it decides replays). */
export async function findRecord(claim: IdempotencyClaim): Promise<IdempotencyRecord | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: idempotencyKey(claim.appId, claim.key), ConsistentRead: true }),
  );
  if (!Item || (Item.createdAtMs as number) <= claim.nowMs - IDEMPOTENCY_WINDOW_MS) return undefined;
  return Item as IdempotencyRecord;
}

/** Same body: the first response again. Another body: 409/40901. */
export function replay(record: IdempotencyRecord, claim: IdempotencyClaim): StoredResponse {
  if (record.bodyHash !== claim.bodyHash)
    throw new IdempotencyConflictError('idempotency key reused with another body');
  return record.response;
}
