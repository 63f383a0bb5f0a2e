// Platform orders in the table: the index from a platform's order id to its intent (written before the id goes on
// the intent, so a message about the order always finds it), and the audit record of a cancel the platform refused.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Intent, Platform } from '../domain/intent';
import { documentClient, tableName } from './client';
import { cancelRefusedAuditKey, platformOrderKey } from './keys/intent';
import { failedConditionAt, type TransactItem, transactWrite } from './transaction';

/** Idempotent: the same order for the same intent is written again harmlessly; another intent's is refused. */
export async function indexPlatformOrder(platform: Platform, orderId: string, intentId: string): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...platformOrderKey(platform, orderId), entity: 'platform-order', platform, orderId, intentId },
      ConditionExpression: 'attribute_not_exists(pk) OR intentId = :intentId',
      ExpressionAttributeValues: { ':intentId': intentId },
    }),
  );
}

export async function intentIdOfPlatformOrder(platform: Platform, orderId: string): Promise<string | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: platformOrderKey(platform, orderId), ConsistentRead: true }),
  );
  return typeof Item?.intentId === 'string' ? Item.intentId : undefined;
}

/**
 * Beside the deletion audit in the intent's partition; no phone or address is copied. Written once per refused order
 * with `also` (the console's audit entry) in the same transaction: a redelivered record finds it and writes nothing.
 * False when it was recorded before.
 */
export async function recordCancelRefusal(
  intent: Intent,
  orderId: string,
  reason: string,
  at: string,
  also: TransactItem[] = [],
): Promise<boolean> {
  const put = {
    TableName: tableName(),
    Item: {
      ...cancelRefusedAuditKey(intent.id, orderId),
      entity: 'intent-audit',
      action: 'PLATFORM_CANCEL_REFUSED',
      intentId: intent.id,
      appId: intent.appId,
      platform: intent.platform,
      orderId,
      reason,
      actor: 'system',
      at,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  try {
    if (also.length === 0) await documentClient().send(new PutCommand(put));
    else await transactWrite([{ Put: put }, ...also]);
    return true;
  } catch (error) {
    if (failedConditionAt(error, 0)) return false;
    throw error;
  }
}
