// The one table definition: keys, GSIs, stream and TTL. The CDK stack, the local runtime and the tests build
// the table from this object, so the three can never disagree.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * Listing indexes (see README "Access patterns"). Every GSI is keyed `<scope>` / `<sort value>#<id>` so ties
   * on the sort value are broken by id and pages never skip or repeat an item.
   *  - gsi1: all of an app's intents by createdAt
   *  - gsi2: an app's intents of one userId by createdAt
   *  - gsi3: an app's intents in one status by createdAt
   */
  indexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ] satisfies IndexDefinition[],
  /** Items with this attribute (epoch seconds) expire: replay guards, rate-limit windows, idempotency records. */
  ttlAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
} as const;

/** CreateTable input for DynamoDB Local and the integration tests (CDK builds the same shape in lib/). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = [table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      { AttributeName: table.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: table.indexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream },
  };
}
