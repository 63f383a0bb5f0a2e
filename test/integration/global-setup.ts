// Vitest global setup for the integration project: one in-memory DynamoDB Local on a free port with the table
// from shared/table.ts, stopped after the run. Workers inherit process.env (set here, before they start), so
// shared/store/client.ts sees DYNAMODB_ENDPOINT on its first call; the same values are also provided for inject().
import type { TestProject } from 'vitest/node';
import { localClient, startDynamoDbLocal } from '../../local/dynamodb-local';
import { freePort } from '../../local/ports';
import { ensureTable } from '../../local/table-setup';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    tableName: string;
  }
}

export default async function setup(project: TestProject) {
  // vitest.config's test.env wins in the workers, so the table is created under the name they will read.
  const tableName = project.config.env?.TABLE_NAME ?? process.env.TABLE_NAME ?? 'procure-core-test';
  const dynamoDb = await startDynamoDbLocal({ port: await freePort(), timeoutMs: 60_000 }).catch((error: Error) => {
    throw new Error(`integration tests need DynamoDB Local (Java 17+): ${error.message}`);
  });
  try {
    const client = localClient(dynamoDb.endpoint);
    await ensureTable(client, tableName);
    client.destroy();
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
  Object.assign(process.env, { DYNAMODB_ENDPOINT: dynamoDb.endpoint, TABLE_NAME: tableName, AWS_REGION: 'local' });
  project.provide('dynamoDbEndpoint', dynamoDb.endpoint);
  project.provide('tableName', tableName);
  return async () => {
    await dynamoDb.stop();
  };
}
