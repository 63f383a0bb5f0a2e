// `npm run backfill:listing-keys -- --table <name> [--region <region>] [--endpoint <url>] [--segments <n>]`: gives
// every intent item of a table written before issue 16 today's listing index keys (bin/migrations/listing-keys.ts
// says what and why; docs/operations.md when to run it). Safe while the API serves: rewrites are conditional on the
// version read. Prints one JSON line with what it did; exit 2 on bad arguments, 1 on failure.
import './node-support';
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { segmentsOf, TABLE_OPTIONS, tableClient, usageFailure } from '../tools/table-cli';
import { backfillListingKeys } from './migrations/listing-keys';

const USAGE =
  'usage: npm run backfill:listing-keys -- --table <name> [--region <region>] [--endpoint <url>] [--segments <n>]';

function options() {
  try {
    const { values } = parseArgs({ options: TABLE_OPTIONS });
    const segments = segmentsOf(values.segments);
    if (!values.table || !segments) throw new Error(USAGE);
    return { ...values, table: values.table, segments };
  } catch (error) {
    return usageFailure('backfill', USAGE, (error as Error).message);
  }
}

const { table, region, endpoint, segments } = options();
const dynamo = tableClient({ endpoint, region });
try {
  const result = await backfillListingKeys(DynamoDBDocumentClient.from(dynamo), table, {
    segments,
    onProgress: (r) => process.stderr.write(`backfill: ${r.scanned} scanned, ${r.rewritten} rewritten\n`),
  });
  process.stdout.write(`${JSON.stringify({ table, ...result })}\n`);
} catch (error) {
  process.stderr.write(`backfill: ${(error as Error).name}: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  dynamo.destroy();
}
