// DynamoDB Streams consumer: drives SUBMITTED intents through PROCESSING to COMPLETED or FAILED
// (shared/fulfilment/consumer.ts says how). Partial batch responses; the event source mapping bisects on error and
// sends what keeps failing to its on-failure destination.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { processRecords } from '../shared/fulfilment/consumer';
import { consumerDepsFromEnv } from '../shared/fulfilment/consumer-deps';
import { logger } from '../shared/logger';

const deps = consumerDepsFromEnv();

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  logger.resetKeys();
  if (context) logger.addContext(context);
  return processRecords(event.Records, deps);
}
