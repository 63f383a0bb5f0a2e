// Webhook dead letters: deliveries that exhausted their retries (state DEAD), per app, from the delivery records the
// sender keeps (DELIVERY_RECORD_DAYS). The operators' dead-letter page lists and redrives them.
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../store/client';
import { deliveriesPk } from '../store/keys/console';
import type { DeliveryItem } from './deliveries';

/** Newest first; the records expire, so one app's list stays bounded. */
export async function deadLetters(appId: string): Promise<DeliveryItem[]> {
  const items: DeliveryItem[] = [];
  const pages = paginateQuery(
    { client: documentClient() },
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#state = :dead',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pk': deliveriesPk(appId), ':dead': 'DEAD' },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
  );
  for await (const page of pages) items.push(...((page.Items ?? []) as DeliveryItem[]));
  return items;
}
