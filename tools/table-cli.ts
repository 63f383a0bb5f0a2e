// What the table maintenance CLIs (backfill:listing-keys, recount:listing) share: which table and where (a deployed
// region or a DynamoDB Local endpoint), how many parallel scan segments, and how a bad argument ends them.
import type { ParseArgsConfig } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const TABLE_OPTIONS = {
  table: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  segments: { type: 'string', default: '4' },
} as const satisfies ParseArgsConfig['options'];

/** Parallel scan segments, 1-64; undefined for anything else. */
export function segmentsOf(value: string | undefined): number | undefined {
  const segments = Number(value);
  return Number.isInteger(segments) && segments >= 1 && segments <= 64 ? segments : undefined;
}

/** Writes `<cli>: <message>` and the usage on stderr, and exits 2 (bad arguments). */
export function usageFailure(cli: string, usage: string, message: string): never {
  process.stderr.write(`${cli}: ${message === usage ? usage : `${message}\n${usage}`}\n`);
  process.exit(2);
}

/** A client for the deployed table (the region's credentials) or a DynamoDB Local one (any credentials). */
export function tableClient(target: { endpoint?: string; region?: string }): DynamoDBClient {
  return new DynamoDBClient(
    target.endpoint
      ? {
          endpoint: target.endpoint,
          region: target.region ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : { region: target.region },
  );
}
