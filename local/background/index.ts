// The local runtime's stream services: three stream pollers driving the same consumers the Lambdas run
// (fulfilment, webhook dispatch, listing counters) and the in-process webhook queue feeding the same sender.

import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { handler as fulfil } from '../../functions/fulfilment-consumer';
import { handler as countListings } from '../../functions/listing-counters';
import { publicIntent } from '../../shared/domain/public-view';
import { logger } from '../../shared/logger';
import { recordAttempt } from '../../shared/webhooks/deliveries';
import { dispatch } from '../../shared/webhooks/enqueue-changes';
import { appWantsWebhooks, webhookTargetOf } from '../../shared/webhooks/targets';
import { asInvocation } from '../invocations';
import { fileCheckpoints, memoryCheckpoints } from './checkpoints';
import { fileQueueStore } from './queue-file';
import { type StreamPoller, streamPoller } from './stream-poller';
import { streamsClientFor } from './stream-records';
import { type LocalWebhookQueue, localWebhookQueue } from './webhook-queue';

export interface FulfilmentServicesOptions {
  endpoint: string;
  tableName: string;
  /** Where stream checkpoints are kept; omitted keeps them in memory (tests with an in-memory table). */
  dataDir?: string;
  idleMs?: number;
  retryMs?: number;
  /** Scales webhook retry delays; 1 (the default) is the deployed schedule. */
  webhookDelayScale?: number;
  /** false leaves the listing counters to someone else (tests sharing a table whose stream they need not count). */
  counters?: boolean;
}

export interface FulfilmentServices {
  name: string;
  queue: LocalWebhookQueue;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once every poller has caught up with the stream and no webhook attempt is running. */
  settled(): Promise<void>;
}

/** One stream batch is one invocation (local/invocations.ts), named after the consumer and its first record. */
const batchId = (consumer: string, records: DynamoDBRecord[]) =>
  `${consumer}-${records[0]?.dynamodb?.SequenceNumber ?? 'empty'}`;

const COUNTERS_IDLE_MS = 200;
const COUNTERS_WINDOW_MS = 1000;

/** Lanes per shard for the per-intent consumers (Lambda's largest ParallelizationFactor). DynamoDB Local's stream
 * has one shard where a deployed table's has many: without lanes, every intent's fulfilment would wait behind the
 * adapter calls of the whole batch before it (about a second each), and under load intents missed the local 15 s
 * promise. Records of one intent share a lane, so its steps stay in order. */
const INTENT_LANES = 10;

/** The BackgroundService for local/services.ts; start it after the runtime set TABLE_NAME and friends. */
export async function fulfilmentServices(options: FulfilmentServicesOptions): Promise<FulfilmentServices> {
  const dynamo = new DynamoDBClient({
    endpoint: options.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const streams = streamsClientFor(options.endpoint);
  const onError = (message: string, error: unknown) => logger.warn(message, { error: error as Error });
  const queue = localWebhookQueue({
    targetOf: webhookTargetOf,
    record: recordAttempt,
    log: logger,
    delayScale: options.webhookDelayScale,
    // Pending retries survive a restart of `npm start`, as they would in SQS.
    ...(options.dataDir ? { store: fileQueueStore(join(options.dataDir, 'webhook-queue.json'), onError) } : {}),
  });
  const checkpoints = (name: string) =>
    options.dataDir ? fileCheckpoints(join(options.dataDir, `stream-checkpoints-${name}.json`)) : memoryCheckpoints();
  const common = {
    dynamo,
    streams,
    tableName: options.tableName,
    idleMs: options.idleMs,
    retryMs: options.retryMs,
    onError,
  };
  const pollers: StreamPoller[] = [
    streamPoller({
      ...common,
      name: 'fulfilment',
      parallelism: INTENT_LANES,
      checkpoints: checkpoints('fulfilment'),
      consume: (records) => asInvocation(batchId('fulfilment', records), () => fulfil({ Records: records })),
    }),
    streamPoller({
      ...common,
      name: 'webhook-dispatch',
      parallelism: INTENT_LANES,
      checkpoints: checkpoints('webhook-dispatch'),
      consume: (records) =>
        asInvocation(batchId('webhook-dispatch', records), async () => {
          await dispatch(records, { wantsWebhooks: appWantsWebhooks, enqueue: queue.enqueue, present: publicIntent });
          return undefined;
        }),
    }),
    // List totals follow the stream like the GSIs follow the table: a poller of its own, so a slow adapter
    // never holds them back. Its batching window is the deployed mapping's (1 s): long enough for a trickle of
    // changes to share a commit (an app's counters aggregate; one commit per change would write ~33 items each and
    // compete with the API for DynamoDB Local), short enough for totals to converge inside 2 s (a poll, the
    // window, one commit). Against 400 ms, one run of the writes bench's load wrote about a fifth fewer
    // counter-lane items per intent. One lane: an app's counter items are shared by all its intents, and lanes
    // side by side would only make their writes conflict.
    ...(options.counters === false
      ? []
      : [
          streamPoller({
            ...common,
            idleMs: Math.min(options.idleMs ?? COUNTERS_IDLE_MS, COUNTERS_IDLE_MS),
            batchWindowMs: COUNTERS_WINDOW_MS,
            batchSize: 1000,
            name: 'listing-counters',
            checkpoints: checkpoints('listing-counters'),
            consume: (records) =>
              asInvocation(batchId('listing-counters', records), () => countListings({ Records: records })),
          }),
        ]),
  ];
  return {
    name: 'fulfilment and webhooks',
    queue,
    async start() {
      for (const poller of pollers) await poller.start();
    },
    async stop() {
      for (const poller of pollers) await poller.stop();
      await queue.stop();
      dynamo.destroy();
      streams.destroy();
    },
    async settled() {
      await Promise.all(pollers.map((p) => p.idle()));
      await queue.drained();
    },
  };
}
