// Reads the table's stream from DynamoDB Local (it serves the Streams API) and hands batches to a consumer the way
// a Lambda event source mapping does: every shard, parents before children, records of one partition key in order,
// and on a reported failure the batch is retried from the failed record after a pause. One poller per consumer,
// like one mapping per function. Its parts: shards.ts (which shards), shard-reader.ts (a shard's records),
// key-lanes.ts (consumed in parallel lanes per partition key, and the checkpoint), checkpoints.ts (where it got to).
//
// Reading and consuming overlap: the reader fetches the next records while lanes are still consuming, so a batch
// that waits on a slow adapter (fulfilment: about a second per order) holds back only the intents of its own lane.
// Deployed, a busy table's stream has many shards read side by side; DynamoDB Local's has one, which `parallelism`
// (Lambda's ParallelizationFactor) splits the way the deployed stream's shards would.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { type CheckpointStore, memoryCheckpoints } from './checkpoints';
import { type KeyLanes, keyLanes } from './key-lanes';
import { pause } from './pause';
import { type ShardReader, shardReader } from './shard-reader';
import { shardList, streamArnOf } from './shards';
import type { StreamConsumer } from './stream-records';

export interface PollerOptions {
  name: string;
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  consume: StreamConsumer;
  checkpoints?: CheckpointStore;
  /** Pause after a read that found nothing new (ms, default 200). */
  idleMs?: number;
  /** Pause before a failed batch or a failed read is retried (ms, default 1000). */
  retryMs?: number;
  /** Records per batch handed to the consumer (default 100). */
  batchSize?: number;
  /** Lambda's batching window (ms, default 0): see key-lanes.ts. */
  batchWindowMs?: number;
  /** Lanes per shard (default 1: the shard's records one batch after another). */
  parallelism?: number;
  onError?: (message: string, error: unknown) => void;
}

export interface StreamPoller {
  start(): Promise<void>;
  /** Stops reading; resolves once the batches being consumed are done (the rest is redelivered next start). */
  stop(): Promise<void>;
  /** Resolves once every record written so far has been consumed (tests). */
  idle(): Promise<void>;
}

type Settings = Required<Omit<PollerOptions, 'onError'>> & { report: NonNullable<PollerOptions['onError']> };

interface OpenShard {
  reader: ShardReader;
  lanes: KeyLanes;
}

/** The shards being read, each with its reader and lanes, for one run of the poller (start to stop). */
function shardSet(settings: Settings, signal: AbortSignal) {
  const open = new Map<string, OpenShard>();
  const finished = new Set<string>();
  // A reader stops fetching while this many of its records wait in its lanes.
  const backlogLimit = settings.batchSize * settings.parallelism * 2;
  let shards: ReturnType<typeof shardList> | undefined;
  let streamArn = '';

  function openShard(shardId: string): OpenShard {
    const lanes = keyLanes({
      name: settings.name,
      consume: settings.consume,
      parallelism: settings.parallelism,
      batchSize: settings.batchSize,
      windowMs: settings.batchWindowMs,
      retryMs: settings.retryMs,
      signal,
      report: settings.report,
      onCheckpoint: (sequenceNumber) => settings.checkpoints.set(shardId, sequenceNumber),
    });
    const reader = shardReader({
      name: settings.name,
      streams: settings.streams,
      streamArn,
      shardId,
      checkpoints: settings.checkpoints,
      lanes,
      limit: settings.batchSize,
      report: settings.report,
    });
    return { reader, lanes };
  }

  return {
    /** Opens the shards that became readable. */
    async refresh(): Promise<void> {
      if (!shards) {
        streamArn = await streamArnOf(settings.dynamo, settings.tableName);
        shards = shardList(settings.streams, streamArn);
      }
      for (const shardId of await shards.ready(finished, open.size === 0))
        if (!open.has(shardId)) open.set(shardId, openShard(shardId));
    },
    /** One read of every open shard with room in its lanes: the records fetched, and whether a read came back full
     * (more are waiting). */
    async fetch(): Promise<{ fetched: number; full: boolean }> {
      let fetched = 0;
      let full = false;
      for (const [shardId, shard] of open) {
        if (shard.lanes.pending < backlogLimit) {
          const count = await shard.reader.fetch();
          fetched += count;
          full ||= count >= settings.batchSize;
        }
        if (shard.reader.readToEnd && shard.lanes.pending === 0) {
          open.delete(shardId);
          finished.add(shardId);
          shards?.invalidate();
        }
      }
      return { fetched, full };
    },
    get pending(): number {
      let pending = 0;
      for (const shard of open.values()) pending += shard.lanes.pending;
      return pending;
    },
    async drained(): Promise<void> {
      await Promise.all([...open.values()].map((shard) => shard.lanes.drained()));
    },
  };
}

function settingsOf(options: PollerOptions): Settings {
  return {
    ...options,
    checkpoints: options.checkpoints ?? memoryCheckpoints(),
    idleMs: options.idleMs ?? 200,
    retryMs: options.retryMs ?? 1000,
    batchSize: options.batchSize ?? 100,
    parallelism: options.parallelism ?? 1,
    batchWindowMs: options.batchWindowMs ?? 0,
    report: options.onError ?? (() => {}),
  };
}

export function streamPoller(options: PollerOptions): StreamPoller {
  const settings = settingsOf(options);
  let stopping = new AbortController();
  let loop: Promise<void> | undefined;
  /** Rounds in a row that fetched nothing while nothing waited in a lane: idle() waits for two. */
  let quietRounds = 0;

  async function run(signal: AbortSignal): Promise<void> {
    const shards = shardSet(settings, signal);
    while (!signal.aborted) {
      try {
        await shards.refresh();
        const { fetched, full } = await shards.fetch();
        quietRounds = fetched === 0 && shards.pending === 0 ? quietRounds + 1 : 0;
        // A read that was not full reached the shard's tip: reading again at once would mostly find nothing and
        // cost DynamoDB Local a GetRecords per record written (Lambda, too, polls a shard a few times a second).
        if (!full) await pause(settings.idleMs, signal);
      } catch (error) {
        quietRounds = 0;
        if (signal.aborted) break;
        settings.report(`${settings.name}: stream poll failed`, error);
        await pause(settings.retryMs, signal);
      }
    }
    await shards.drained();
  }

  return {
    async start() {
      stopping = new AbortController();
      loop = run(stopping.signal);
    },
    async stop() {
      stopping.abort();
      await loop;
    },
    async idle() {
      const seen = quietRounds;
      while (!stopping.signal.aborted && quietRounds < seen + 2)
        await new Promise((resolve) => setTimeout(resolve, settings.idleMs));
    },
  };
}
