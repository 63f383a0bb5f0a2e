// The listing keys backfill (bin/migrations/listing-keys.ts) on DynamoDB Local, in a table of its own: intent items
// in the key layout before issue 16 (10 indexes, every index its own key attributes, sort keys ending in the full
// id) get exactly today's key attributes, every list index finds them again, nothing else changes, a second run
// writes nothing, and a write that lands between the backfill's read and its rewrite wins.
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillItem, backfillListingKeys, keyRewrite } from '../../bin/migrations/listing-keys';
import type { Intent } from '../../shared/domain/intent';
import {
  indexPartition,
  LISTING_INDEXES,
  listingAttributes,
  pkAttribute,
  skAttribute,
} from '../../shared/store/listing-keys';
import { sampleIntent, seededRandom } from '../../tools/listing-load';
import { scratchTable } from '../support/dynamo';

const tableName = `backfill-${Date.now()}`;
let drop: () => Promise<void>;
let client: DynamoDBDocumentClient;

/** An intent item as the code before issue 16 wrote it: gsi1…gsi10, each with its own pk and sk, full ids. */
function oldItem(intent: Intent): Record<string, unknown> {
  const item: Record<string, unknown> = { pk: `INTENT#${intent.id}`, sk: 'INTENT', entity: 'intent', ...intent };
  const scopes: Record<string, (keyof Intent)[]> = {
    gsi1: [],
    gsi2: ['userId'],
    gsi3: ['status'],
    gsi4: ['platform'],
    gsi5: ['userId', 'status'],
    gsi6: ['userId', 'platform'],
    gsi7: ['status', 'platform'],
    gsi8: ['userId', 'status', 'platform'],
  };
  for (const [name, fields] of Object.entries(scopes)) {
    item[`${name}pk`] =
      `${intent.appId}#${fields.map((f) => `${f[0]!.toUpperCase()}#${intent[f]}`).join('#') || 'ALL'}`;
    item[`${name}sk`] = `${intent.createdAt}#${intent.id}`;
  }
  item.gsi9pk = `${intent.appId}#ALL`;
  item.gsi9sk = `${intent.updatedAt}#${intent.id}`;
  item.gsi10pk = `${intent.appId}#ALL`;
  item.gsi10sk = `${String(intent.priceFen).padStart(12, '0')}#${intent.id}`;
  return item;
}

const random = seededRandom(16);
const intents = Array.from({ length: 30 }, (_, n) => sampleIntent(n, random, { appId: 'app_backfill', users: 3 }));
const get = async (intent: Intent) =>
  (await client.send(new GetCommand({ TableName: tableName, Key: { pk: `INTENT#${intent.id}`, sk: 'INTENT' } }))).Item!;

beforeAll(async () => {
  ({ client, drop } = await scratchTable(tableName));
  for (const intent of intents) await client.send(new PutCommand({ TableName: tableName, Item: oldItem(intent) }));
});

afterAll(async () => {
  await drop?.();
});

describe('listing keys backfill', () => {
  it("gives every intent item exactly today's index keys, so every list index finds it, and changes nothing else", async () => {
    const result = await backfillListingKeys(client, tableName, { segments: 3 });
    expect(result).toMatchObject({ scanned: intents.length, rewritten: intents.length });
    for (const intent of intents) {
      const item = await get(intent);
      const keys = Object.keys(item).filter((name) => /^gsi\d+(pk|sk)$/.test(name));
      expect(Object.fromEntries(keys.map((k) => [k, item[k]]))).toEqual(listingAttributes(intent));
      for (const [name, value] of Object.entries(intent)) expect(item[name]).toEqual(value);
    }
    for (const index of LISTING_INDEXES) {
      const sample = intents[0]!;
      const scope = Object.fromEntries(index.scope.map((f) => [f, sample[f]]));
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': pkAttribute(index.indexName) },
          ExpressionAttributeValues: { ':pk': indexPartition(sample.appId, scope) },
        }),
      );
      expect(Items.map((i) => i.id)).toContain(sample.id);
      expect(Items.every((i) => typeof i[skAttribute(index.indexName)] === 'string')).toBe(true);
    }
  });

  it('writes nothing the second time', async () => {
    const result = await backfillListingKeys(client, tableName, { segments: 2 });
    expect(result).toEqual({ scanned: intents.length, rewritten: 0, retried: 0 });
  });

  it('lets a write that lands between its read and its rewrite win, then rewrites what that write left', async () => {
    const intent = intents[1]!;
    const stale = oldItem(intent);
    // The partner's write: a newer version, still with the old keys (it was written by the old code).
    const newer = oldItem({ ...intent, version: intent.version + 1, remarks: 'changed meanwhile' });
    await client.send(new PutCommand({ TableName: tableName, Item: newer }));
    expect(keyRewrite(stale)).toBeDefined();
    // The backfill read `stale` before that write; its rewrite is refused, it reads again and rewrites the newer one.
    const result = { scanned: 0, rewritten: 0, retried: 0 };
    await backfillItem(client, tableName, stale, result);
    expect(result).toEqual({ scanned: 0, rewritten: 1, retried: 1 });
    const item = await get(intent);
    expect(item.remarks).toBe('changed meanwhile');
    expect(item.version).toBe(intent.version + 1);
    expect(keyRewrite(item)).toBeUndefined();
  });
});
