// Helpers for integration tests: raw access to the DynamoDB Local table the global setup started, for arranging
// state and asserting what the store really wrote.
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../local/table-setup';
import type { CounterKey } from '../../shared/store/listing-keys';
import { countersTableNameOf, table } from '../../shared/table';

export function integrationEndpoint(): { endpoint: string; tableName: string } {
  const endpoint = inject('dynamoDbEndpoint');
  const tableName = inject('tableName');
  if (!endpoint || !tableName)
    throw new Error('no DynamoDB Local: run integration tests with `npm run test:integration`');
  // The store client reads the environment on its first call; a mismatch here means it talks to another table.
  if (process.env.DYNAMODB_ENDPOINT !== endpoint || process.env.TABLE_NAME !== tableName)
    throw new Error(
      `worker env (${process.env.DYNAMODB_ENDPOINT}, ${process.env.TABLE_NAME}) differs from global setup`,
    );
  return { endpoint, tableName };
}

let raw: DynamoDBDocumentClient | undefined;

/** A DocumentClient on the same endpoint and table as the store, independent of the code under test. */
export function rawTable() {
  return rawAccess(integrationEndpoint().tableName);
}

/** One listing count as stored in the counters table beside it (0 when never written). */
export async function storedCount(key: CounterKey): Promise<number> {
  const item = await rawAccess(countersTableNameOf(integrationEndpoint().tableName)).get({ pk: key.pk, sk: key.sk });
  return Number(item?.[key.attribute] ?? 0);
}

function rawAccess(tableName: string) {
  const { endpoint } = integrationEndpoint();
  raw ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const client = raw;
  return {
    client,
    tableName,
    get: async (key: Record<string, string>) =>
      (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item,
    put: async (item: Record<string, unknown>) => {
      await client.send(new PutCommand({ TableName: tableName, Item: item }));
    },
    /** Every item whose partition key starts with the prefix; fine for the small tables tests build. */
    scanByPrefix: async (prefix: string) => {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'begins_with(#pk, :p)',
            ExpressionAttributeNames: { '#pk': table.partitionKey },
            ExpressionAttributeValues: { ':p': prefix },
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    delete: async (key: Record<string, string>) => {
      await client.send(new DeleteCommand({ TableName: tableName, Key: key }));
    },
  };
}

/** A prefix unique to one test, so tests sharing the table never see each other's items. */
export function uniquePrefix(label: string): string {
  return `${label}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** A table of the test's own on the integration DynamoDB Local (a migration's, which scans whole tables), created
 * now with its counters table; `drop()` deletes both. */
export async function scratchTable(tableName: string) {
  const { endpoint } = integrationEndpoint();
  const dynamo = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(dynamo, tableName);
  return {
    client: DynamoDBDocumentClient.from(dynamo),
    async drop() {
      await dynamo.send(new DeleteTableCommand({ TableName: tableName }));
      await dynamo.send(new DeleteTableCommand({ TableName: countersTableNameOf(tableName) }));
      dynamo.destroy();
    },
  };
}
