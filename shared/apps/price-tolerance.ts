// An app's price tolerance, read alone (one projected GetItem): the outcome path and the sandbox adapter need only
// this attribute, and the fulfilment functions should not carry the registry's secret handling for it.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_PRICE_TOLERANCE_PERCENT } from '../domain/price-tolerance';
import { documentClient, tableName } from '../store/client';
import { appKey } from '../store/keys/app';

/** The app's price tolerance in percent; the default when the app sets none (or does not exist). */
export async function priceToleranceOf(appId: string): Promise<number> {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: tableName(),
      Key: appKey(appId),
      ProjectionExpression: 'priceTolerancePercent',
      ConsistentRead: true,
    }),
  );
  const value = Item?.priceTolerancePercent;
  return typeof value === 'number' ? value : DEFAULT_PRICE_TOLERANCE_PERCENT;
}
