// Turns status changes from the table's stream into webhook messages on the queue. It runs as its own stream
// consumer beside fulfilment, so neither can hold the other up: a queue outage never re-runs an adapter and a slow
// adapter never delays a webhook.
import type { DynamoDBRecord } from 'aws-lambda';
import { statusChangeOf } from '../fulfilment/stream-record';
import { type PresentIntent, statusChangedEvent, type WebhookEvent } from './event';

/** What travels on the queue. The target URL and secret are read when sending, so a changed URL or a rotated
 * secret applies to retries too. */
export interface WebhookMessage {
  appId: string;
  event: WebhookEvent;
}

export interface DispatchDeps {
  /** True when the app has a webhook URL (apps without one get no messages). */
  wantsWebhooks(appId: string): Promise<boolean>;
  enqueue(messages: WebhookMessage[]): Promise<void>;
  present: PresentIntent;
}

/** The messages a batch of stream records yields; creations are not changes and send nothing. */
export async function messagesFor(records: DynamoDBRecord[], deps: DispatchDeps): Promise<WebhookMessage[]> {
  const messages: WebhookMessage[] = [];
  for (const record of records) {
    const change = statusChangeOf(record);
    if (!change || change.previousStatus === null) continue;
    if (!(await deps.wantsWebhooks(change.intent.appId))) continue;
    messages.push({
      appId: change.intent.appId,
      event: statusChangedEvent(change.intent, change.previousStatus, deps.present),
    });
  }
  return messages;
}

/** Enqueues the batch's webhooks; throws (the batch is retried) when the queue refuses, which is safe: ids repeat. */
export async function dispatch(records: DynamoDBRecord[], deps: DispatchDeps): Promise<number> {
  const messages = await messagesFor(records, deps);
  if (messages.length > 0) await deps.enqueue(messages);
  return messages.length;
}
