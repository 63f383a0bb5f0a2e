// The local stand-in for the webhook SQS queue: messages are handed to the same sender as on AWS, which postpones
// failures by the same schedule; after the last attempt they land in `deadLetters`. With a file store (DATA_DIR),
// pending messages and dead letters survive a restart, as they would in SQS: retries resume when they fall due.
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { WebhookMessage } from '../../shared/webhooks/enqueue-changes';
import { nextRetry } from '../../shared/webhooks/schedule';
import { type SenderDeps, sendBatch } from '../../shared/webhooks/send-queued';
import { asInvocation } from '../invocations';
import { memoryQueueStore, type QueueStore, type StoredWebhook } from './queue-file';

interface Pending extends StoredWebhook {
  timer?: NodeJS.Timeout;
}

export interface LocalWebhookQueue {
  enqueue(messages: WebhookMessage[]): Promise<void>;
  readonly deadLetters: WebhookMessage[];
  /** Messages waiting for an attempt (running or due later). */
  pendingCount(): number;
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
  /** Where pending messages are kept; in memory when omitted. */
  store?: QueueStore;
  now?: () => number;
}

export function localWebhookQueue(options: LocalQueueOptions): LocalWebhookQueue {
  const store = options.store ?? memoryQueueStore();
  const now = options.now ?? Date.now;
  const saved = store.load();
  const pending = new Map<string, Pending>(saved.pending.map((item) => [item.messageId, { ...item }]));
  const inFlight = new Set<Promise<unknown>>();
  const deadLetters: WebhookMessage[] = saved.deadLetters;
  let stopped = false;

  const persist = () => {
    try {
      store.save({
        pending: [...pending.values()].map(({ timer: _timer, ...item }) => item),
        deadLetters,
      });
    } catch (error) {
      options.log.error('local webhook queue could not be saved', { error: error as Error });
    }
  };

  function schedule(item: Pending) {
    if (stopped) return;
    clearTimeout(item.timer);
    item.timer = setTimeout(() => attempt(item), Math.max(0, item.dueAt - now()));
    item.timer.unref();
  }

  function attempt(item: Pending) {
    if (stopped) return;
    let retryIn: number | undefined;
    // Each attempt is its own invocation, as each SQS batch is on AWS: it starts with clean log keys.
    const tracked = asInvocation(`${item.messageId}-${item.attempt}`, () =>
      sendBatch([{ messageId: item.messageId, message: item.message, attempt: item.attempt }], {
        targetOf: options.targetOf,
        deliver: options.deliver,
        record: options.record,
        log: options.log,
        retryLater: async (_id, seconds) => {
          retryIn = seconds;
        },
      }),
    )
      .then(({ batchItemFailures }) => {
        if (batchItemFailures.length === 0) {
          pending.delete(item.messageId);
          return persist();
        }
        // Failed without a retry: either the last attempt (dead letter) or the sender failed outright, where SQS
        // would bring the message back later; the schedule decides both.
        const delay = retryIn ?? nextRetry(item.attempt);
        if (delay === null) {
          pending.delete(item.messageId);
          deadLetters.push(item.message);
          return persist();
        }
        item.attempt += 1;
        item.dueAt = now() + delay * 1000 * (options.delayScale ?? 1);
        persist();
        schedule(item);
      })
      .catch((error) => options.log.error('local webhook queue failed', { error: error as Error }))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  // What a previous run left: each message resumes when its attempt falls due (at once if it is overdue).
  for (const item of pending.values()) schedule(item);
  if (pending.size > 0) options.log.info('local webhook queue resumed', { pending: pending.size });

  return {
    deadLetters,
    pendingCount: () => pending.size,
    async enqueue(messages) {
      const added: Pending[] = messages.map((message) => ({
        messageId: `local-${randomUUID()}`,
        message,
        attempt: 1,
        dueAt: now(),
      }));
      for (const item of added) pending.set(item.messageId, item);
      // Saved before the first attempt: a stop right now still finds the messages on the next start.
      persist();
      for (const item of added) attempt(item);
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
