// DynamoDB Streams consumer: every intent status change becomes a message on the webhook queue. A second consumer
// on the same stream rather than a step of fulfilment, so a queue outage never re-runs an adapter and a slow
// adapter never delays a webhook; each has its own retries and on-failure destination.
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { config } from '../shared/config';
import { publicIntent } from '../shared/domain/public-view';
import { logger } from '../shared/logger';
import { once } from '../shared/once';
import { dispatch } from '../shared/webhooks/enqueue-changes';
import { sqsWebhookQueue } from '../shared/webhooks/sqs';
import { appWantsWebhooks } from '../shared/webhooks/targets';

// Built on first use: the queue's URL is read when the first batch arrives, not when the module loads.
const queue = once(() => sqsWebhookQueue(config.webhookQueueUrl()));

/** All or nothing: a failed batch is retried whole (bisected), and repeated messages keep their event ids. */
export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<void> {
  logger.resetKeys();
  if (context) logger.addContext(context);
  const sent = await dispatch(event.Records, {
    wantsWebhooks: appWantsWebhooks,
    enqueue: queue().enqueue,
    present: publicIntent,
  });
  logger.info('webhooks enqueued', { records: event.Records.length, messages: sent });
}
