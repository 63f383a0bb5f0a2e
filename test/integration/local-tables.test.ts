// The local runtime's tables (local/table-setup.ts): a data folder from before the counters table had a table of its
// own gets it on the next `npm start`, with its counts recounted from the table, so its totals do not start at zero;
// a new folder gets both tables and nothing to recount; a second start changes nothing.
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalTables } from '../../local/table-setup';
import { intentItem } from '../../shared/store/intents';
import { counterKey } from '../../shared/store/listing-keys';
import { countersTableNameOf, createTableInput } from '../../shared/table';
import { sampleIntent, seededRandom } from '../../tools/listing-load';
import { integrationEndpoint } from '../support/dynamo';

const dynamo = new DynamoDBClient({
  endpoint: integrationEndpoint().endpoint,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const doc = DynamoDBDocumentClient.from(dynamo);
const made: string[] = [];

afterAll(async () => {
  for (const name of made) await dynamo.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
  dynamo.destroy();
});

describe('local tables', () => {
  it('recounts into a new counters table beside an existing table, once', async () => {
    const tableName = `local-old-${Date.now()}`;
    made.push(tableName, countersTableNameOf(tableName));
    // A data folder from before: the table alone, two intents, and a counter of the old layout inside it.
    await dynamo.send(new CreateTableCommand(createTableInput(tableName)));
    const random = seededRandom(7);
    const intents = [0, 1].map((n) => sampleIntent(n, random, { appId: 'app_old', users: 1 }));
    for (const intent of intents) await doc.send(new PutCommand({ TableName: tableName, Item: intentItem(intent) }));
    await doc.send(
      new PutCommand({ TableName: tableName, Item: { pk: 'COUNT#app_old#ALL', sk: 'ALL', entity: 'counter', n: 2 } }),
    );

    const first = await ensureLocalTables(dynamo, tableName);
    expect(first.created).toBe(false);
    expect(first.recounted).toMatchObject({ intents: 2, legacyDeleted: 1 });
    const { pk, sk, attribute } = counterKey('app_old', {}, 'ALL');
    const total = await doc.send(
      new GetCommand({ TableName: countersTableNameOf(tableName), Key: { pk, sk }, ConsistentRead: true }),
    );
    expect(total.Item?.[attribute]).toBe(2);

    expect(await ensureLocalTables(dynamo, tableName)).toEqual({ created: false });
  });

  it('creates both tables for a new data folder, with nothing to recount', async () => {
    const tableName = `local-new-${Date.now()}`;
    made.push(tableName, countersTableNameOf(tableName));
    expect(await ensureLocalTables(dynamo, tableName)).toEqual({ created: true });
    expect(await ensureLocalTables(dynamo, tableName)).toEqual({ created: false });
  });
});
