// The local webhook queue's messages on disk (DATA_DIR/webhook-queue.json), so a restart of `npm start` resumes
// pending retries where SQS would have kept them. Written whole, to a temporary file then renamed, on every change.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WebhookMessage } from '../../shared/webhooks/enqueue-changes';

export interface StoredWebhook {
  messageId: string;
  message: WebhookMessage;
  /** The attempt it waits for: 1 for the first delivery. */
  attempt: number;
  /** When that attempt is due (epoch ms); an attempt cut off by a stop is due again at once. */
  dueAt: number;
}

export interface QueueState {
  pending: StoredWebhook[];
  deadLetters: WebhookMessage[];
}

export interface QueueStore {
  load(): QueueState;
  save(state: QueueState): void;
}

export function memoryQueueStore(): QueueStore {
  return { load: () => ({ pending: [], deadLetters: [] }), save: () => {} };
}

export function fileQueueStore(path: string, onError: (message: string, error: unknown) => void): QueueStore {
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return { pending: [], deadLetters: [] }; // first start
      }
      try {
        const state = JSON.parse(text) as Partial<QueueState>;
        return { pending: state.pending ?? [], deadLetters: state.deadLetters ?? [] };
      } catch (error) {
        // Kept aside rather than overwritten: its messages can still be read by hand.
        renameSync(path, `${path}.unreadable-${Date.now()}`);
        onError(`webhook queue file ${path} unreadable; set aside, starting empty`, error);
        return { pending: [], deadLetters: [] };
      }
    },
    save(state) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.tmp`, JSON.stringify(state));
      renameSync(`${path}.tmp`, path);
    },
  };
}
