// DynamoDB Streams consumer: keeps the listing counters (list totals) exact off the request path
// (shared/counters/aggregate.ts says how). Partial batch responses; the event source mapping bisects on error.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { applyToCounters } from '../shared/counters/aggregate';
import { logger } from '../shared/logger';
import { once } from '../shared/once';
import { dynamoCounterTable } from '../shared/store/counter-table';

// Built on first use: the table's name is read when the first batch arrives, not when the module loads.
const table = once(dynamoCounterTable);

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  logger.resetKeys();
  if (context) logger.addContext(context);
  return applyToCounters(event.Records, { table: table(), log: logger });
}
