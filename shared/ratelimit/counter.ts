// The per-app, per-class counter in DynamoDB: one conditional ADD per request on the item of the current second,
// so the limit holds across every concurrently running function instance. A refused request does not count.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimitClass } from '../routes';
import { documentClient, tableName } from '../store/client';
import { rateKey } from '../store/keys/admission';

/** Window items outlive their second by a minute, then TTL removes them. */
const WINDOW_TTL_SECONDS = 60;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the window resets. */
  reset: number;
  /** Seconds until a retry can pass; meaningful when refused. */
  retryAfter: number;
}

export function takeToken(
  appId: string,
  rateClass: RateLimitClass,
  limit: number,
  nowMs = Date.now(),
): Promise<RateDecision> {
  return takeTokens(appId, rateClass, limit, 1, nowMs);
}

/**
 * Takes `units` at once (a batch create pays one per intent): all of them when they fit in what is left of the
 * window, none otherwise, so a batch is refused whole. More units than the limit never fit; that costs no call.
 */
export async function takeTokens(
  appId: string,
  rateClass: RateLimitClass,
  limit: number,
  units: number,
  nowMs = Date.now(),
): Promise<RateDecision> {
  const second = Math.floor(nowMs / 1000);
  const reset = second + 1;
  const retryAfter = Math.max(1, Math.ceil((reset * 1000 - nowMs) / 1000));
  if (units > limit) return { allowed: false, limit, remaining: 0, reset, retryAfter };
  try {
    const out = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: rateKey(appId, rateClass, second),
        UpdateExpression: 'ADD #count :units SET expiresAt = :ttl',
        // `units` more fit while the count is below limit - units + 1 (the limit itself for one unit).
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'requests' },
        ExpressionAttributeValues: {
          ':units': units,
          ':limit': limit - units + 1,
          ':ttl': second + WINDOW_TTL_SECONDS,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const count = Number(out.Attributes?.requests ?? units);
    return { allowed: true, limit, remaining: Math.max(0, limit - count), reset, retryAfter };
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException')
      return { allowed: false, limit, remaining: 0, reset, retryAfter };
    throw error;
  }
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(decision.reset),
  };
}
