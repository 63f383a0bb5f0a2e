// DynamoDB Streams consumer: drives SUBMITTED intents through PROCESSING to COMPLETED or FAILED
// (shared/fulfilment/consumer.ts says how). Partial batch responses; the event source mapping bisects on error and
// sends what keeps failing to its on-failure destination.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { priceToleranceOf } from '../shared/apps/price-tolerance';
import { optionalEnv } from '../shared/env';
import { adaptersFromEnv } from '../shared/fulfilment/config';
import { type ConsumerDeps, processRecords } from '../shared/fulfilment/consumer';
import { intentsFulfilmentStore } from '../shared/fulfilment/store';
import { logger } from '../shared/logger';

const deps: ConsumerDeps = {
  store: intentsFulfilmentStore(),
  // The sandbox follows the app's price tolerance, as operators completing manual orders do.
  adapterFor: adaptersFromEnv(process.env, { priceToleranceOf }),
  log: logger,
  adapterTimeoutMs: Number(optionalEnv('FULFILMENT_ADAPTER_TIMEOUT_MS', '10000')),
};

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  logger.resetKeys();
  if (context) logger.addContext(context);
  return processRecords(event.Records, deps);
}
