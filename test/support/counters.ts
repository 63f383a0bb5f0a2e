// List totals follow the table's stream (the listing counters' consumer), so integration tests that read totals
// right after writing first let that consumer catch up, as the deployed event source would: a stream poller runs
// until it has read the stream to its end, then stops (its checkpoints stay for the next call). Workers share the
// stream, and the consumer's per-intent markers make sure a record counted by one worker is refused by the others.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { memoryCheckpoints } from '../../local/background/checkpoints';
import { streamPoller } from '../../local/background/stream-poller';
import { streamsClientFor } from '../../local/background/stream-records';
import { applyToCounters } from '../../shared/counters/aggregate';
import { dynamoCounterTable } from '../../shared/store/counter-table';

const checkpoints = memoryCheckpoints();
// Every test file shares one DynamoDB Local, so the stream holds every file's changes. A file reads totals only of
// apps it created itself, after this module loaded; older records (other files' history) are passed over instead of
// aggregated again, which kept a late file's first settle longer than a test's timeout in a full run. Stream times are
// approximate (DynamoDB Local rounds them down to the minute), hence two minutes of margin.
const SINCE_SECONDS = Math.floor(Date.now() / 1000) - 120;
const recent = (records: DynamoDBRecord[]) =>
  records.filter((r) => (r.dynamodb?.ApproximateCreationDateTime ?? SINCE_SECONDS) >= SINCE_SECONDS);

/** Resolves once every change written so far is in the listing counters. */
export async function settleCounters(): Promise<void> {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const tableName = process.env.TABLE_NAME;
  if (!endpoint || !tableName) throw new Error('settleCounters needs DYNAMODB_ENDPOINT and TABLE_NAME');
  const dynamo = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const table = dynamoCounterTable();
  const streams = streamsClientFor(endpoint);
  const poller = streamPoller({
    name: 'test-counters',
    dynamo,
    streams,
    checkpoints,
    tableName,
    idleMs: 25,
    retryMs: 50,
    consume: (records) => applyToCounters(recent(records), { table }),
  });
  await poller.start();
  try {
    await poller.idle();
  } finally {
    await poller.stop();
    dynamo.destroy();
    streams.destroy();
  }
}
