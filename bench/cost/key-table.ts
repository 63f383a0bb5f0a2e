// A table with only the primary key of shared/table.ts, no indexes and no stream: the naive design's table, and the
// scratch table the transaction sizer puts item images into.
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { table } from '../../shared/table';

export async function createKeyOnlyTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: table.partitionKey, AttributeType: 'S' },
        { AttributeName: table.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
}
