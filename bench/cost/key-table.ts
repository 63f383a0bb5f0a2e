// A table with only the primary key of shared/table.ts, no indexes and no stream: the naive design's table, and the
// scratch table the transaction sizer puts item images into.
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { keyOnlyTableInput } from '../../shared/table';

export async function createKeyOnlyTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new CreateTableCommand(keyOnlyTableInput(tableName)));
}
