// Sends queued webhooks, one attempt per message per delivery, and schedules the next attempt on failure. The SQS
// sender Lambda and the local in-process queue both run this, with their own way of waiting (`retryLater`).
import type { Logger } from '@aws-lambda-powertools/logger';
import { type DeliveryResult, deliver as deliverOnce, type WebhookTarget } from './attempt';
import type { AttemptOutcome } from './deliveries';
import type { WebhookMessage } from './enqueue-changes';
import { MAX_ATTEMPTS, nextRetry } from './schedule';

export interface QueuedWebhook {
  /** The queue's id for this message (SQS messageId), reported back when it failed. */
  messageId: string;
  message: WebhookMessage;
  /** 1 for the first delivery (SQS ApproximateReceiveCount). */
  attempt: number;
}

export type SenderLog = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface SenderDeps {
  /** The app's current webhook URL and newest secret, or undefined when it has none (any more). */
  targetOf(appId: string): Promise<WebhookTarget | undefined>;
  /** Makes the message come back after `seconds`. */
  retryLater(messageId: string, seconds: number): Promise<void>;
  deliver?: typeof deliverOnce;
  /** Keeps the delivery's record (attempts, outcome, next retry, state) for the console; absent in some tests. */
  record?(appId: string, event: WebhookMessage['event'], outcome: AttemptOutcome): Promise<void>;
  log: SenderLog;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
}

/** Sends one message; true when it is done with (delivered, or nothing to deliver to). */
export async function sendOne(queued: QueuedWebhook, deps: SenderDeps): Promise<boolean> {
  const { appId, event } = queued.message;
  const target = await deps.targetOf(appId);
  if (!target) {
    deps.log.info('webhook dropped: app has no webhook URL', { eventId: event.eventId, appId });
    return true;
  }
  const result: DeliveryResult = await (deps.deliver ?? deliverOnce)(target, appId, event);
  // One line per attempt; the URL's path and query may carry a partner token, so only the host is logged.
  const fields = { eventId: event.eventId, appId, attempt: queued.attempt, host: hostOf(target.url), ...result };
  const delay = result.ok ? null : nextRetry(queued.attempt);
  await recordSafely(deps, appId, event, { result, retryInSeconds: delay });
  if (result.ok) {
    deps.log.info('webhook delivered', fields);
    return true;
  }
  if (delay === null) {
    deps.log.error('webhook dead-lettered after the last attempt', { ...fields, maxAttempts: MAX_ATTEMPTS });
    return false;
  }
  deps.log.warn('webhook attempt failed', { ...fields, retryInSeconds: delay });
  await deps.retryLater(queued.messageId, delay);
  return false;
}

/** The record is for people reading the console: failing to keep it never fails or repeats the delivery itself. */
async function recordSafely(
  deps: SenderDeps,
  appId: string,
  event: WebhookMessage['event'],
  outcome: AttemptOutcome,
): Promise<void> {
  if (!deps.record) return;
  try {
    await deps.record(appId, event, outcome);
  } catch (error) {
    deps.log.warn('webhook delivery record not written', { eventId: event.eventId, appId, error: error as Error });
  }
}

/** Partial batch response: failed messages come back (after their delay) or go to the dead-letter queue. */
export async function sendBatch(batch: QueuedWebhook[], deps: SenderDeps) {
  const failures: { itemIdentifier: string }[] = [];
  await Promise.all(
    batch.map(async (queued) => {
      try {
        if (!(await sendOne(queued, deps))) failures.push({ itemIdentifier: queued.messageId });
      } catch (error) {
        deps.log.error('webhook send failed unexpectedly', {
          error: error as Error,
          eventId: queued.message.event.eventId,
        });
        failures.push({ itemIdentifier: queued.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
}
