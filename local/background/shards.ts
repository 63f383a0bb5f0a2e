// Which shards of the table's stream to read: all of them, a child only once its parent is finished (read to the
// end and consumed), so one key's changes reach the consumer in order across a shard split.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, type DynamoDBStreamsClient, type Shard } from '@aws-sdk/client-dynamodb-streams';

/** Shards change every few hours at most, and a new one matters only once its parent is read to the end (which
 * re-reads them at once): describing them every round, or even every second, costs DynamoDB Local a table
 * description per call, which the three pollers pay beside the API. A new shard is noticed within 30 s anyway. */
const SHARDS_TTL_MS = 30_000;

export async function streamArnOf(dynamo: DynamoDBClient, tableName: string): Promise<string> {
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table?.LatestStreamArn) throw new Error(`table ${tableName} has no stream`);
  return Table.LatestStreamArn;
}

async function describeShards(streams: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const all: Shard[] = [];
  let start: string | undefined;
  do {
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
    );
    all.push(...(StreamDescription?.Shards ?? []));
    start = StreamDescription?.LastEvaluatedShardId;
  } while (start);
  return all;
}

export function shardList(streams: DynamoDBStreamsClient, streamArn: string) {
  let known: Shard[] | undefined;
  let describedAt = 0;
  return {
    /** Shard ids that may be read now: not finished, and whose parent (if the stream still has it) is finished. */
    async ready(finished: ReadonlySet<string>, force: boolean): Promise<string[]> {
      if (force || !known || Date.now() - describedAt > SHARDS_TTL_MS) {
        known = await describeShards(streams, streamArn);
        describedAt = Date.now();
      }
      const ids = new Set(known.map((shard) => shard.ShardId!));
      return known
        .filter((shard) => !finished.has(shard.ShardId!))
        .filter((shard) => !shard.ParentShardId || !ids.has(shard.ParentShardId) || finished.has(shard.ParentShardId))
        .map((shard) => shard.ShardId!);
    },
    /** A shard finished: its children may be ready. */
    invalidate() {
      describedAt = 0;
    },
  };
}
