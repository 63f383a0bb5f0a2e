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

/** Creates the table and its counters table where missing. Returns true when it created the table, false when it
 * already existed (a data folder from before the counters table gets that table now). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const created = await ensure(client, createTableInput(tableName), table.ttlAttribute);
  await ensure(client, createCountersTableInput(tableName), countersTable.ttlAttribute);
  return created;
}
