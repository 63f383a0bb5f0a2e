// SQS consumer: one delivery attempt per message. A failed message is made invisible for the schedule's next delay
// and reported in the partial batch response; after the last attempt the queue's redrive policy
// (maxReceiveCount = MAX_ATTEMPTS) moves it to the dead-letter queue.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { config } from '../shared/config';
import { logger } from '../shared/logger';
import { once } from '../shared/once';
import { recordAttempt } from '../shared/webhooks/deliveries';
import type { WebhookMessage } from '../shared/webhooks/enqueue-changes';
import { type QueuedWebhook, sendBatch } from '../shared/webhooks/send-queued';
import { sqsWebhookQueue } from '../shared/webhooks/sqs';
import { webhookTargetOf } from '../shared/webhooks/targets';

// Built on first use: the queue's URL is read when the first batch arrives, not when the module loads.
const queue = once(() => sqsWebhookQueue(config.webhookQueueUrl()));

function parseMessage(body: string): WebhookMessage | undefined {
  try {
    const parsed = JSON.parse(body) as Partial<WebhookMessage>;
    return typeof parsed.appId === 'string' && typeof parsed.event?.eventId === 'string'
      ? (parsed as WebhookMessage)
      : undefined;
  } catch {
    return undefined;
  }
}

export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  logger.resetKeys();
  if (context) logger.addContext(context);
  const postpone = queue().postpone; // read first, so a missing queue URL fails every batch, not only retries
  const receipts = new Map(event.Records.map((r) => [r.messageId, r.receiptHandle]));
  const batch: QueuedWebhook[] = [];
  for (const r of event.Records) {
    const message = parseMessage(r.body);
    // Not one of ours: retrying cannot fix it, so it is logged and let go.
    if (!message) logger.error('webhook message unreadable; dropped', { messageId: r.messageId });
    else batch.push({ messageId: r.messageId, message, attempt: Number(r.attributes.ApproximateReceiveCount) || 1 });
  }
  return sendBatch(batch, {
    targetOf: webhookTargetOf,
    record: recordAttempt,
    retryLater: (messageId, seconds) => postpone(receipts.get(messageId)!, seconds),
    log: logger,
  });
}
