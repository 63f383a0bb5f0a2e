// The DynamoDB clients, created once per function instance. DYNAMODB_ENDPOINT points them at DynamoDB Local
// (the local runtime and the integration tests); on AWS it is unset.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../env';

export const TABLE_NAME = requireEnv('TABLE_NAME');

const endpoint = process.env.DYNAMODB_ENDPOINT;

export const dynamo = new DynamoDBClient(
  endpoint
    ? {
        endpoint,
        region: process.env.AWS_REGION ?? 'local',
        // DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones.
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 3,
      }
    : { maxAttempts: 3 },
);

export const documentClient = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true },
});
