// Reads the table's stream from DynamoDB Local (it serves the Streams API) and hands batches to a consumer the way
// a Lambda event source mapping does: shard by shard, parents before children, and on a reported failure the
// batch is retried from the failed record after a pause. One poller per consumer, like one mapping per function.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

export type StreamConsumer = (
  records: DynamoDBRecord[],
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] } | undefined>;

export interface CheckpointStore {
  get(shardId: string): string | undefined;
  set(shardId: string, sequenceNumber: string): void;
}

export function memoryCheckpoints(): CheckpointStore {
  const map = new Map<string, string>();
  return { get: (id) => map.get(id), set: (id, seq) => void map.set(id, seq) };
}

export interface PollerOptions {
  name: string;
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  consume: StreamConsumer;
  checkpoints?: CheckpointStore;
  idleMs?: number;
  retryMs?: number;
  batchSize?: number;
  onError?: (message: string, error: unknown) => void;
}

/** The Streams API's record in the shape Lambda hands to stream consumers. */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      Keys: d.Keys as never,
      NewImage: d.NewImage as never,
      OldImage: d.OldImage as never,
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
      ApproximateCreationDateTime: d.ApproximateCreationDateTime
        ? d.ApproximateCreationDateTime.getTime() / 1000
        : undefined,
    },
  };
}

export function streamsClientFor(endpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

export interface StreamPoller {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once every record written so far has been consumed (tests). */
  idle(): Promise<void>;
}

const SHARDS_TTL_MS = 1000;

export function streamPoller(options: PollerOptions): StreamPoller {
  const idleMs = options.idleMs ?? 200;
  const retryMs = options.retryMs ?? 1000;
  const checkpoints = options.checkpoints ?? memoryCheckpoints();
  const report = options.onError ?? (() => {});
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let streamArn: string | undefined;
  const iterators = new Map<string, string>();
  const closed = new Set<string>();
  let known: Shard[] | undefined;
  let describedAt = 0;
  let quietRounds = 0;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function shards(arn: string): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await options.streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }),
      );
      all.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  async function iteratorFor(arn: string, shardId: string, at?: { type: 'AT' | 'AFTER'; sequenceNumber: string }) {
    const position =
      at ??
      (checkpoints.get(shardId) ? { type: 'AFTER' as const, sequenceNumber: checkpoints.get(shardId)! } : undefined);
    try {
      const { ShardIterator } = await options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shardId,
          ShardIteratorType: position
            ? position.type === 'AT'
              ? 'AT_SEQUENCE_NUMBER'
              : 'AFTER_SEQUENCE_NUMBER'
            : 'TRIM_HORIZON',
          SequenceNumber: position?.sequenceNumber,
        }),
      );
      return ShardIterator;
    } catch (error) {
      if (!position) throw error;
      // The checkpoint fell out of the stream's retention: start from what is left.
      report(`${options.name}: checkpoint for ${shardId} unusable, reading from the oldest record`, error);
      const { ShardIterator } = await options.streams.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      return ShardIterator;
    }
  }

  /** Reads one batch of one shard; true when it consumed records. */
  async function pollShard(arn: string, shardId: string): Promise<boolean> {
    const iterator = iterators.get(shardId);
    if (!iterator) return false;
    const { Records = [], NextShardIterator } = await options.streams.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize ?? 100 }),
    );
    if (Records.length === 0) {
      if (NextShardIterator) iterators.set(shardId, NextShardIterator);
      else {
        iterators.delete(shardId);
        closed.add(shardId);
        describedAt = 0;
      }
      return false;
    }
    const batch = Records.map((r) => toLambdaRecord(r, arn));
    let failedAt: string | undefined;
    try {
      const result = await options.consume(batch);
      failedAt = result?.batchItemFailures[0]?.itemIdentifier;
    } catch (error) {
      report(`${options.name}: consumer threw; retrying the batch`, error);
      failedAt = batch[0]!.dynamodb!.SequenceNumber;
    }
    if (failedAt !== undefined) {
      const index = batch.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt);
      const done = index > 0 ? batch[index - 1]!.dynamodb!.SequenceNumber : undefined;
      if (done) checkpoints.set(shardId, done);
      await pause(retryMs);
      const from = failedAt || batch[0]!.dynamodb!.SequenceNumber!;
      const retryIterator = await iteratorFor(arn, shardId, { type: 'AT', sequenceNumber: from });
      if (retryIterator) iterators.set(shardId, retryIterator);
      return true;
    }
    checkpoints.set(shardId, batch.at(-1)!.dynamodb!.SequenceNumber!);
    if (NextShardIterator) iterators.set(shardId, NextShardIterator);
    else {
      iterators.delete(shardId);
      closed.add(shardId);
      describedAt = 0;
    }
    return true;
  }

  async function round(): Promise<boolean> {
    if (!streamArn) {
      const { Table } = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
      streamArn = Table?.LatestStreamArn;
      if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
    }
    const arn = streamArn;
    // Shards change every few hours at most: describing them every round would be most of an idle poller's load
    // on DynamoDB Local (three pollers share it with the API). Re-read them once a second, or when one closed.
    const now = Date.now();
    if (!known || now - describedAt > SHARDS_TTL_MS || iterators.size === 0) {
      known = await shards(arn);
      describedAt = now;
    }
    const ids = new Set(known.map((s) => s.ShardId));
    for (const shard of known) {
      const id = shard.ShardId!;
      if (closed.has(id) || iterators.has(id)) continue;
      // A child waits until its parent is read to the end, so a key's changes arrive in order.
      const parent = shard.ParentShardId;
      if (parent && ids.has(parent) && !closed.has(parent)) continue;
      const iterator = await iteratorFor(arn, id);
      if (iterator) iterators.set(id, iterator);
    }
    let busy = false;
    for (const id of [...iterators.keys()]) if (await pollShard(arn, id)) busy = true;
    return busy;
  }

  async function run() {
    while (running) {
      try {
        const busy = await round();
        quietRounds = busy ? 0 : quietRounds + 1;
        if (!busy && running) await pause(idleMs);
      } catch (error) {
        quietRounds = 0;
        if (running) {
          report(`${options.name}: stream poll failed`, error);
          await pause(retryMs);
        }
      }
    }
  }

  return {
    async start() {
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    async idle() {
      const seen = quietRounds;
      while (running && quietRounds < seen + 2) await new Promise((resolve) => setTimeout(resolve, idleMs));
    },
  };
}
