// Backfill for tables written before issue 16 changed the listing index keys (8 GSIs instead of 10, createdAt
// indexes sharing `gsi1sk`, app-wide indexes sharing `gsi1pk`, sort keys ending in the id without `intent_`).
// Every intent item gets exactly the key attributes `listingAttributes` gives it today and loses the ones no index
// reads any more (gsi4*, gsi6*, the per-index copies of shared keys). Each rewrite is conditional on the version
// it read, so a partner's write in between wins and the item is read again; an item already right is not written.
// It changes no intent field, so the stream consumers see nothing to do (no status change, no counter delta).
import { type DynamoDBDocumentClient, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Intent } from '../../shared/domain/intent';
import { isStoreAttribute } from '../../shared/store/keys/intent';
import { listingAttributes } from '../../shared/store/listing-keys';

type Client = Pick<DynamoDBDocumentClient, 'send'>;
type Item = Record<string, unknown>;

const INDEX_KEY = /^gsi\d+(pk|sk)$/;

export interface BackfillResult {
  scanned: number;
  rewritten: number;
  /** Items a concurrent write changed between read and rewrite, read again and done. */
  retried: number;
}

/** The SET and REMOVE that give an intent item today's index keys; undefined when it has them already. */
export function keyRewrite(item: Item): { set: Record<string, string>; remove: string[] } | undefined {
  const intent = Object.fromEntries(Object.entries(item).filter(([name]) => !isStoreAttribute(name))) as unknown;
  const wanted = listingAttributes(intent as Intent);
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(wanted)) if (item[name] !== value) set[name] = value;
  const remove = Object.keys(item).filter((name) => INDEX_KEY.test(name) && !(name in wanted));
  return Object.keys(set).length || remove.length ? { set, remove } : undefined;
}

function updateOf(tableName: string, item: Item, rewrite: NonNullable<ReturnType<typeof keyRewrite>>) {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':version': item.version };
  const sets = Object.entries(rewrite.set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = rewrite.remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  return new UpdateCommand({
    TableName: tableName,
    Key: { pk: item.pk, sk: item.sk },
    UpdateExpression: [
      sets.length ? `SET ${sets.join(', ')}` : '',
      removes.length ? `REMOVE ${removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    ConditionExpression: '#version = :version',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** Rewrites one item, reading it again after a concurrent write (it may be deleted meanwhile: then nothing). */
export async function backfillItem(
  client: Client,
  tableName: string,
  first: Item,
  result: BackfillResult,
): Promise<void> {
  let item: Item | undefined = first;
  while (item) {
    const rewrite = keyRewrite(item);
    if (!rewrite) return;
    try {
      await client.send(updateOf(tableName, item, rewrite));
      result.rewritten++;
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      result.retried++;
      const { Item }: { Item?: Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }),
      );
      item = Item;
    }
  }
}

/** Scans every intent item of the table (in `segments` parallel segments) and gives each today's index keys. */
export async function backfillListingKeys(
  client: Client,
  tableName: string,
  options: { segments?: number; onProgress?: (result: BackfillResult) => void } = {},
): Promise<BackfillResult> {
  const result: BackfillResult = { scanned: 0, rewritten: 0, retried: 0 };
  const segments = options.segments ?? 4;
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let start: Item | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            FilterExpression: 'entity = :intent',
            ExpressionAttributeValues: { ':intent': 'intent' },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          result.scanned++;
          await backfillItem(client, tableName, item, result);
        }
        start = page.LastEvaluatedKey;
        options.onProgress?.(result);
      } while (start);
    }),
  );
  return result;
}
