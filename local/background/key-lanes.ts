// The records of one shard, consumed in parallel lanes the way Lambda's ParallelizationFactor does it: each record
// goes to the lane of its item's partition key, so one intent's changes reach the consumer in stream order while
// other intents' changes run beside them. A lane hands the consumer batches one after another; when the consumer
// reports a failed record (partial batch response) or throws, the lane retries from that record after a pause, and
// the records behind it in that lane wait (they are redelivered, which the consumers tolerate). Other lanes go on.
// The shard's checkpoint only moves past records that were consumed, so a restart redelivers whatever was in flight.
import type { DynamoDBRecord } from 'aws-lambda';
import { pause } from './pause';
import { partitionKeyOf, type StreamConsumer, sequenceOf } from './stream-records';

export interface KeyLanesOptions {
  name: string;
  consume: StreamConsumer;
  /** Lanes per shard: records with the same partition key always share one. */
  parallelism: number;
  batchSize: number;
  /** Lambda's batching window: a lane waits until its oldest record is this old (ms) or it has a full batch, so a
   * trickle of records is consumed in fewer, larger batches. 0 (the default) takes whatever is there. */
  windowMs?: number;
  retryMs: number;
  /** Aborted by the poller's stop(): a lane finishes the batch it is in and starts no other. */
  signal: AbortSignal;
  report: (message: string, error: unknown) => void;
  /** Every record handed in up to this sequence number has been consumed. */
  onCheckpoint: (sequenceNumber: string) => void;
}

export interface KeyLanes {
  push(records: DynamoDBRecord[]): void;
  /** Records handed in and not consumed yet. */
  readonly pending: number;
  /** Resolves once no lane is consuming (every record consumed, or the poller stopped). */
  drained(): Promise<void>;
}

interface Lane {
  queue: DynamoDBRecord[];
  /** When each queued record arrived (ms, performance.now()), in queue order. */
  arrivals: number[];
  running: boolean;
}

/** The lowest point of a shard below which every record is consumed, although lanes finish out of order. */
function checkpointTracker(onCheckpoint: (sequenceNumber: string) => void) {
  let order: string[] = [];
  let head = 0;
  const consumed = new Set<string>();
  return {
    arrived: (sequenceNumber: string) => void order.push(sequenceNumber),
    get pending() {
      return order.length - head;
    },
    consumed(sequenceNumbers: string[]) {
      for (const sequenceNumber of sequenceNumbers) consumed.add(sequenceNumber);
      let last: string | undefined;
      while (head < order.length && consumed.has(order[head]!)) {
        last = order[head]!;
        consumed.delete(last);
        head++;
      }
      if (head > 1000) {
        order = order.slice(head);
        head = 0;
      }
      if (last !== undefined) onCheckpoint(last);
    },
  };
}

/** FNV-1a: a stable, even spread of partition keys over the lanes. */
function laneIndex(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
}

export function keyLanes(options: KeyLanesOptions): KeyLanes {
  const lanes: Lane[] = Array.from({ length: Math.max(1, options.parallelism) }, () => ({
    queue: [],
    arrivals: [],
    running: false,
  }));
  const progress = checkpointTracker(options.onCheckpoint);
  let waiters: (() => void)[] = [];

  /** Index of the first record to retry, or -1 when the whole batch was consumed. */
  async function consumeBatch(batch: DynamoDBRecord[]): Promise<number> {
    try {
      const failedAt = (await options.consume(batch))?.batchItemFailures[0]?.itemIdentifier;
      if (failedAt === undefined) return -1;
      // An identifier that names no record of the batch fails the whole batch, as Lambda treats it.
      return Math.max(
        0,
        batch.findIndex((record) => sequenceOf(record) === failedAt),
      );
    } catch (error) {
      options.report(`${options.name}: consumer threw; retrying the batch`, error);
      return 0;
    }
  }

  async function run(lane: Lane): Promise<void> {
    lane.running = true;
    try {
      while (lane.queue.length > 0 && !options.signal.aborted) {
        // Measured from the oldest record: one that arrived while the last batch ran has waited already.
        const waited = performance.now() - lane.arrivals[0]!;
        if (options.windowMs && lane.queue.length < options.batchSize && waited < options.windowMs) {
          await pause(options.windowMs - waited, options.signal);
          continue;
        }
        const batch = lane.queue.slice(0, options.batchSize);
        const failed = await consumeBatch(batch);
        const done = failed === -1 ? batch.length : failed;
        lane.queue.splice(0, done);
        lane.arrivals.splice(0, done);
        progress.consumed(batch.slice(0, done).map(sequenceOf));
        if (failed !== -1) await pause(options.retryMs, options.signal);
      }
    } finally {
      lane.running = false;
      if (!lanes.some((l) => l.running)) {
        const release = waiters;
        waiters = [];
        for (const resolve of release) resolve();
      }
    }
  }

  return {
    push(records) {
      for (const record of records) {
        progress.arrived(sequenceOf(record));
        const lane = lanes[laneIndex(partitionKeyOf(record), lanes.length)]!;
        lane.queue.push(record);
        lane.arrivals.push(performance.now());
      }
      for (const lane of lanes) if (!lane.running && lane.queue.length > 0) void run(lane);
    },
    get pending() {
      return progress.pending;
    },
    drained() {
      if (!lanes.some((lane) => lane.running)) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
