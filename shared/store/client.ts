// The DynamoDB clients, created once per function instance on first use, and the table they write. Nothing here
// runs at import: a process (the local runtime, a bench, a CLI) sets its environment before its first call, not
// before its first import. DYNAMODB_ENDPOINT points the clients at DynamoDB Local (the local runtime and the
// integration tests); on AWS it is unset.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { once } from '../once';
import { countersTableNameOf } from '../table';

/** The table every expression of the store names; throws config's "TABLE_NAME ... is not set" when it is missing. */
export function tableName(): string {
  return config.tableName();
}

/** The listing counters' table (shared/table.ts `countersTable`), named after the table. */
export function countersTableName(): string {
  return countersTableNameOf(tableName());
}

export const dynamo = once(() => {
  const endpoint = config.dynamodbEndpoint();
  return new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: config.region() ?? 'local',
          // DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 3,
        }
      : { maxAttempts: 3 },
  );
});

export const documentClient = once(() =>
  DynamoDBDocumentClient.from(dynamo(), { marshallOptions: { removeUndefinedValues: true } }),
);
