// Replay guard for POST, PUT and DELETE: the first use of a signature stores it with a conditional put; a second
// use inside the window finds it and is refused. Signatures are stored lower case, because either case verifies.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../store/client';
import { replayKey } from '../store/keys/admission';
import { TIMESTAMP_WINDOW_MS } from './timestamp';

/** Kept past the last moment its timestamp could still be accepted (timestamp + window), plus a margin. */
const MARGIN_SECONDS = 60;

/** True on the first use of this signature, false on a replay. */
export async function firstUseOfSignature(appId: string, signature: string, timestampMs: number): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...replayKey(appId, signature),
          type: 'REPLAY',
          appId,
          expiresAt: Math.ceil((timestampMs + TIMESTAMP_WINDOW_MS) / 1000) + MARGIN_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
