// `npm run backfill:listing-keys -- --table <name> [--region <region>] [--endpoint <url>] [--segments <n>]`: gives
// every intent item of a table written before issue 16 today's listing index keys (bin/migrations/listing-keys.ts
// says what and why; docs/operations.md when to run it). Safe while the API serves: rewrites are conditional on the
// version read. Prints one JSON line with what it did; exit 2 on bad arguments, 1 on failure.
import './node-support';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillListingKeys } from './migrations/listing-keys';

const USAGE =
  'usage: npm run backfill:listing-keys -- --table <name> [--region <region>] [--endpoint <url>] [--segments <n>]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        table: { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        segments: { type: 'string', default: '4' },
      },
    });
    const segments = Number(values.segments);
    if (!values.table || !Number.isInteger(segments) || segments < 1 || segments > 64) throw new Error(USAGE);
    return { table: values.table, region: values.region, endpoint: values.endpoint, segments };
  } catch (error) {
    process.stderr.write(
      `backfill: ${(error as Error).message === USAGE ? USAGE : `${(error as Error).message}\n${USAGE}`}\n`,
    );
    process.exit(2);
  }
}

const { table, region, endpoint, segments } = options();
const dynamo = new DynamoDBClient(
  endpoint
    ? { endpoint, region: region ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : { region },
);
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
