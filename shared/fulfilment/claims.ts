// Claims on manual intents: before buying a product by hand an operator claims the intent, so nobody else buys it
// too. One item per intent, written conditionally: free, expired, or already the caller's (a renewal). Recording an
// outcome deletes the claim in the same transaction as the intent's write, on the condition the outcome needs.
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../store/client';
import { claimKey } from '../store/keys/console';
import { failedConditionAt, type TransactItem } from '../store/transaction';

/** How long a claim holds unless renewed: long enough to place one order on a platform's site. */
export const CLAIM_MINUTES = 15;
/** Expired claims are left for a day (they say who last held it), then the table's TTL removes them. */
const KEEP_EXPIRED_SECONDS = 24 * 3600;

export interface Holder {
  sub: string;
  email: string;
}

export interface Claim {
  intentId: string;
  holder: Holder;
  claimedAt: string;
  expiresAt: string;
}

/** Another operator holds a live claim on the intent. */
export class ClaimTakenError extends Error {
  constructor(readonly claim: Claim) {
    super(`intent ${claim.intentId} is claimed by ${claim.holder.email} until ${claim.expiresAt}`);
    this.name = 'ClaimTakenError';
  }
}

/** The caller holds no live claim on the intent (never claimed, expired, or released). */
export class NotClaimedError extends Error {
  constructor(intentId: string) {
    super(`intent ${intentId} is not claimed by you (claim it first, or renew an expired claim)`);
    this.name = 'NotClaimedError';
  }
}

function claimOf(item: Record<string, unknown> | undefined): Claim | undefined {
  if (!item) return undefined;
  return {
    intentId: String(item.intentId),
    holder: { sub: String(item.holderSub), email: String(item.holderEmail) },
    claimedAt: String(item.claimedAt),
    expiresAt: new Date(Number(item.expiresAtMs)).toISOString(),
  };
}

export const isLive = (claim: Claim | undefined, now = Date.now()): claim is Claim =>
  claim !== undefined && Date.parse(claim.expiresAt) > now;

export async function getClaim(intentId: string): Promise<Claim | undefined> {
  const out = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: claimKey(intentId), ConsistentRead: true }),
  );
  return claimOf(out.Item);
}

/** The live claims among these intents (the queue shows who holds what). */
export async function liveClaims(intentIds: string[], now = Date.now()): Promise<Map<string, Claim>> {
  const found = new Map<string, Claim>();
  for (let i = 0; i < intentIds.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = intentIds.slice(i, i + 100).map(claimKey);
    while (keys && keys.length > 0) {
      const out: BatchGetCommandOutput = await documentClient().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys } } }),
      );
      for (const item of out.Responses?.[tableName()] ?? []) {
        const claim = claimOf(item);
        if (isLive(claim, now)) found.set(claim.intentId, claim);
      }
      keys = out.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return found;
}

/**
 * Claims (or renews) the intent for `holder` until now + CLAIM_MINUTES. One conditional put: of any number of
 * concurrent claims on a free intent exactly one wins; the others get ClaimTakenError naming the winner.
 */
export async function claimIntent(intentId: string, holder: Holder, now = new Date()): Promise<Claim> {
  const expiresAtMs = now.getTime() + CLAIM_MINUTES * 60_000;
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...claimKey(intentId),
          type: 'CLAIM',
          intentId,
          holderSub: holder.sub,
          holderEmail: holder.email,
          claimedAt: now.toISOString(),
          expiresAtMs,
          expiresAt: Math.ceil(expiresAtMs / 1000) + KEEP_EXPIRED_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs <= :now OR holderSub = :sub',
        ExpressionAttributeValues: { ':now': now.getTime(), ':sub': holder.sub },
      }),
    );
  } catch (error) {
    if (!failedConditionAt(error, 0)) throw error;
    const current = await getClaim(intentId);
    // Released between our write and this read: say it was taken all the same; a retry will get it.
    throw new ClaimTakenError(current ?? { intentId, holder, claimedAt: now.toISOString(), expiresAt: '' });
  }
  return { intentId, holder, claimedAt: now.toISOString(), expiresAt: new Date(expiresAtMs).toISOString() };
}

/** Gives the claim back (only the holder can); NotClaimedError when the caller holds none. */
export async function releaseClaim(intentId: string, holder: Holder, now = new Date()): Promise<void> {
  try {
    await documentClient().send(
      new DeleteCommand({ TableName: tableName(), Key: claimKey(intentId), ...heldBy(holder, now) }),
    );
  } catch (error) {
    if (failedConditionAt(error, 0)) throw new NotClaimedError(intentId);
    throw error;
  }
}

function heldBy(holder: Holder, now: Date) {
  return {
    ConditionExpression: 'holderSub = :sub AND expiresAtMs > :now',
    ExpressionAttributeValues: { ':sub': holder.sub, ':now': now.getTime() },
  };
}

/**
 * The claim's part of an outcome's transaction: with a holder, their live claim must exist (and goes); without one
 * (`npm run ops`, which claims and records in one step), nobody else may hold a live claim.
 */
export function claimSettled(intentId: string, holder: Holder | undefined, now: Date): TransactItem {
  const condition = holder
    ? heldBy(holder, now)
    : {
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs <= :now',
        ExpressionAttributeValues: { ':now': now.getTime() },
      };
  return { Delete: { TableName: tableName(), Key: claimKey(intentId), ...condition } };
}
