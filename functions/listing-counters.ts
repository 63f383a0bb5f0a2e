// DynamoDB Streams consumer: keeps the listing counters (list totals) exact off the request path
// (shared/counters/aggregate.ts says how). Partial batch responses; the event source mapping bisects on error.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { applyToCounters } from '../shared/counters/aggregate';
import { logger } from '../shared/logger';
import { dynamoCounterTable } from '../shared/store/counter-table';

const table = dynamoCounterTable();

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  logger.resetKeys();
  if (context) logger.addContext(context);
  return applyToCounters(event.Records, { table, log: logger });
}
