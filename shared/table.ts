// The table definitions: keys, GSIs, stream and TTL. The CDK stack, the local runtime and the tests build the
// tables from these objects, so the three can never disagree. Everything the API stores lives in `table`; the
// listing counters, which only the counters' stream consumer writes, live in `countersTable` beside it (see
// `countersTableNameOf`).
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { LISTED_ATTRIBUTES, LISTING_INDEXES, pkAttribute, skAttribute } from './store/listing-keys';

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** Non-key attributes the index carries (projection INCLUDE); absent means ALL. */
  projectedAttributes?: readonly string[];
}

export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * Listing indexes (see README "Access patterns" and shared/store/listing-keys.ts): gsi1-gsi8 order an app's
   * intents by createdAt, one per combination of userId/status/platform equality filters; gsi9 and gsi10 order
   * them by updatedAt and price. Sort keys are `<sort value>#<id>`, so ties are broken by id and pages never skip
   * or repeat an item. They project only the list fields, which keeps skipped and listed items small. Equal key
   * values share one attribute (gsi1sk for every createdAt index, gsi1pk for every app-wide one).
   */
  indexes: LISTING_INDEXES.map(
    (i): IndexDefinition => ({
      indexName: i.indexName,
      partitionKey: pkAttribute(i.indexName),
      sortKey: skAttribute(i.indexName),
      projectedAttributes: LISTED_ATTRIBUTES,
    }),
  ),
  /** Items with this attribute (epoch seconds) expire: replay guards, rate-limit windows, idempotency records. */
  ttlAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
} as const;

/**
 * The listing counters and the counters consumer's per-intent markers (shared/store/counter-table.ts). A table of
 * their own, so the counters stay off the main table's stream: on one table every counter write was a stream
 * record that the fulfilment, webhook and counters consumers each read and threw away (about 45 per intent, five
 * times the intent's own records). No indexes, no stream; TTL removes deleted intents' markers.
 */
export const countersTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
} as const;

/** The counters table is named after the main table, so everything that knows TABLE_NAME finds it (CDK names it
 * so, too: infra/constructs/store.ts). */
export function countersTableNameOf(tableName: string): string {
  return `${tableName}-counters`;
}

/** CreateTable input of the counters table for DynamoDB Local and the integration tests. */
export function createCountersTableInput(tableName: string): CreateTableCommandInput {
  return keyOnlyTableInput(countersTableNameOf(tableName));
}

/** A table with only the `pk`/`sk` key: no indexes, no stream (the counters table; the cost bench's scratch tables). */
export function keyOnlyTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: countersTable.partitionKey, AttributeType: 'S' },
      { AttributeName: countersTable.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: countersTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: countersTable.sortKey, KeyType: 'RANGE' },
    ],
  };
}

/** CreateTable input for DynamoDB Local and the integration tests (CDK builds the same shape in infra/). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  // Indexes share key attributes (every createdAt index sorts on gsi1sk), each defined once.
  const keyAttributes = [
    ...new Set([table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]),
  ];
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
      Projection: i.projectedAttributes
        ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...i.projectedAttributes] }
        : { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream },
  };
}
