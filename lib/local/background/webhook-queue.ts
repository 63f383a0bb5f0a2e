// The local stand-in for the webhook SQS queue: messages wait in memory and are handed to the same sender as on
// AWS, which postpones failures by the same schedule; after the last attempt they land in `deadLetters`.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { WebhookMessage } from '../../../shared/webhooks/dispatch';
import { nextRetry } from '../../../shared/webhooks/schedule';
import { type SenderDeps, sendBatch } from '../../../shared/webhooks/sender';

interface Pending {
  messageId: string;
  message: WebhookMessage;
  attempt: number;
  timer?: NodeJS.Timeout;
}

export interface LocalWebhookQueue {
  enqueue(messages: WebhookMessage[]): Promise<void>;
  readonly deadLetters: WebhookMessage[];
  /** Resolves when no attempt is running (messages waiting for a retry do not count). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalQueueOptions {
  targetOf: SenderDeps['targetOf'];
  deliver?: SenderDeps['deliver'];
  record?: SenderDeps['record'];
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Scales the schedule's delays (tests use a small factor; 1 is the real schedule). */
  delayScale?: number;
}

export function localWebhookQueue(options: LocalQueueOptions): LocalWebhookQueue {
  const pending = new Map<string, Pending>();
  const inFlight = new Set<Promise<unknown>>();
  const deadLetters: WebhookMessage[] = [];
  let stopped = false;
  let counter = 0;

  function attempt(item: Pending) {
    if (stopped) return;
    let retryIn: number | undefined;
    const tracked = sendBatch([{ messageId: item.messageId, message: item.message, attempt: item.attempt }], {
      targetOf: options.targetOf,
      deliver: options.deliver,
      record: options.record,
      log: options.log,
      retryLater: async (_id, seconds) => {
        retryIn = seconds;
      },
    })
      .then(({ batchItemFailures }) => {
        if (batchItemFailures.length === 0) {
          pending.delete(item.messageId);
          return;
        }
        // Failed without a retry: either the last attempt (dead letter) or the sender failed outright, where SQS
        // would bring the message back later; the schedule decides both.
        const delay = retryIn ?? nextRetry(item.attempt);
        if (delay === null) {
          pending.delete(item.messageId);
          deadLetters.push(item.message);
          return;
        }
        item.attempt += 1;
        item.timer = setTimeout(() => attempt(item), delay * 1000 * (options.delayScale ?? 1));
        item.timer.unref();
      })
      .catch((error) => options.log.error('local webhook queue failed', { error: error as Error }))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  return {
    deadLetters,
    async enqueue(messages) {
      for (const message of messages) {
        counter += 1;
        const item: Pending = { messageId: `local-${counter}`, message, attempt: 1 };
        pending.set(item.messageId, item);
        attempt(item);
      }
    },
    async drained() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async stop() {
      stopped = true;
      for (const item of pending.values()) clearTimeout(item.timer);
      await Promise.all([...inFlight]);
    },
  };
}
