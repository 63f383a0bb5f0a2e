// The DynamoDB clients, created once per function instance. DYNAMODB_ENDPOINT points them at DynamoDB Local
// (the local runtime and the integration tests); on AWS it is unset.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';

// Read when the store loads, unlike the rest of the configuration: every expression of the store names the table,
// and no function runs without it.
export const TABLE_NAME = config.tableName();

const endpoint = config.dynamodbEndpoint();

export const dynamo = new DynamoDBClient(
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

export const documentClient = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true },
});
