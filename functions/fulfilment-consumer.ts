// DynamoDB Streams consumer: drives SUBMITTED intents through PROCESSING to COMPLETED or FAILED
// (shared/fulfilment/consumer.ts says how). Partial batch responses; the event source mapping bisects on error and
// sends what keeps failing to its on-failure destination.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { priceToleranceOf } from '../shared/apps/price-tolerance';
import { processRecords } from '../shared/fulfilment/consumer';
import { consumerDepsFromEnv } from '../shared/fulfilment/consumer-deps';
import { logger } from '../shared/logger';
import { once } from '../shared/once';

// The sandbox follows the app's price tolerance, as operators completing manual orders do. Built by the first batch,
// before any record: a refused configuration (the sandbox on prod) fails the invocation, as a failed start would.
const deps = once(() => consumerDepsFromEnv({ priceToleranceOf }));

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  logger.resetKeys();
  if (context) logger.addContext(context);
  return processRecords(event.Records, deps());
}
