// Turns status changes from the table's stream into webhook messages on the queue. It runs as its own stream
// consumer beside fulfilment, so neither can hold the other up: a queue outage never re-runs an adapter and a slow
// adapter never delays a webhook.
import type { DynamoDBRecord } from 'aws-lambda';
import { statusChangeOf, trackingChangeOf } from '../fulfilment/stream-record';
import { type PresentIntent, statusChangedEvent, trackingUpdatedEvent, type WebhookEvent } from './event';

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

/** The event a record yields: a status change, or a waybill that arrived without one; creations send nothing. */
function eventOf(record: DynamoDBRecord, present: PresentIntent): WebhookMessage | undefined {
  const change = statusChangeOf(record);
  if (change && change.previousStatus !== null)
    return { appId: change.intent.appId, event: statusChangedEvent(change.intent, change.previousStatus, present) };
  const tracked = trackingChangeOf(record);
  if (tracked) return { appId: tracked.appId, event: trackingUpdatedEvent(tracked, present) };
  return undefined;
}

/** The messages a batch of stream records yields, for apps that have a webhook URL. */
export async function messagesFor(records: DynamoDBRecord[], deps: DispatchDeps): Promise<WebhookMessage[]> {
  const messages: WebhookMessage[] = [];
  for (const record of records) {
    const message = eventOf(record, deps.present);
    if (message && (await deps.wantsWebhooks(message.appId))) messages.push(message);
  }
  return messages;
}

/** Enqueues the batch's webhooks; throws (the batch is retried) when the queue refuses, which is safe: ids repeat. */
export async function dispatch(records: DynamoDBRecord[], deps: DispatchDeps): Promise<number> {
  const messages = await messagesFor(records, deps);
  if (messages.length > 0) await deps.enqueue(messages);
  return messages.length;
}
