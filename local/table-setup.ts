// Creates the tables from the shared definitions when they are missing (local runtime and integration tests).
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type RecountResult, recountListing } from '../bin/migrations/recount-listing';
import { countersTable, createCountersTableInput, createTableInput, table } from '../shared/table';

async function ensure(client: DynamoDBClient, input: CreateTableCommandInput, ttlAttribute: string): Promise<boolean> {
  const TableName = input.TableName!;
  try {
    await client.send(new DescribeTableCommand({ TableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(input));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
  return true;
}

/** Creates the table and its counters table where missing, and says which it created. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<{ created: boolean; countersCreated: boolean }> {
  const created = await ensure(client, createTableInput(tableName), table.ttlAttribute);
  const countersCreated = await ensure(client, createCountersTableInput(tableName), countersTable.ttlAttribute);
  return { created, countersCreated };
}

/**
 * The local runtime's tables. A data folder from before the counters table had a table of its own (or from before
 * the counters left the request path) gets the counters table now, and its counts from a recount of the table,
 * before any stream consumer runs (the recount's condition for writing): otherwise its totals would start at zero.
 */
export async function ensureLocalTables(
  client: DynamoDBClient,
  tableName: string,
): Promise<{ created: boolean; recounted?: RecountResult }> {
  const { created, countersCreated } = await ensureTable(client, tableName);
  if (created || !countersCreated) return { created };
  const recounted = await recountListing(DynamoDBDocumentClient.from(client), tableName, { write: true });
  return { created, recounted };
}
