// `npm run recount:listing -- --table <name> [--region <region>] [--endpoint <url>] [--app <appId>] [--segments <n>]
// [--write --consumer-paused]`: recounts the listing counters from the table's items (bin/migrations/recount-listing.ts
// says how and why it is exact; docs/operations.md when to run it). Without --write it only compares and prints
// the counter items that differ; --write also needs --consumer-paused, the operator's word that the counters' event
// source mapping is disabled for the run. Prints one JSON line; exit 3 when a check found differences, 2 on bad
// arguments, 1 on failure.
import './node-support';
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { segmentsOf, TABLE_OPTIONS, tableClient, usageFailure } from '../tools/table-cli';
import { recountListing } from './migrations/recount-listing';

const USAGE =
  'usage: npm run recount:listing -- --table <name> [--region <region>] [--endpoint <url>] [--app <appId>] [--segments <n>] [--write --consumer-paused]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        ...TABLE_OPTIONS,
        app: { type: 'string' },
        write: { type: 'boolean', default: false },
        'consumer-paused': { type: 'boolean', default: false },
      },
    });
    const segments = segmentsOf(values.segments);
    if (!values.table || !segments) throw new Error(USAGE);
    if (values.write && !values['consumer-paused'])
      throw new Error(
        '--write rewrites counters while the counters consumer must not run: pause its event source mapping, then add --consumer-paused',
      );
    return { ...values, table: values.table, segments };
  } catch (error) {
    return usageFailure('recount', USAGE, (error as Error).message);
  }
}

const { table, region, endpoint, app, segments, write } = options();
const dynamo = tableClient({ endpoint, region });
try {
  const result = await recountListing(DynamoDBDocumentClient.from(dynamo), table, { appId: app, segments, write });
  process.stdout.write(`${JSON.stringify({ table, ...(app ? { app } : {}), write, ...result })}\n`);
  if (!write && result.mismatched > 0) process.exitCode = 3;
} catch (error) {
  process.stderr.write(`recount: ${(error as Error).name}: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  dynamo.destroy();
}
