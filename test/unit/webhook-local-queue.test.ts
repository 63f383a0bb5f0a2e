import { describe, expect, it, vi } from 'vitest';
import { localWebhookQueue } from '../../lib/local/background/webhook-queue';
import type { DeliveryResult } from '../../shared/webhooks/deliver';
import { MAX_ATTEMPTS } from '../../shared/webhooks/schedule';
import { statusChangedMessage } from '../support/webhooks';

const message = statusChangedMessage;

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const targetOf = async () => ({ url: 'http://127.0.0.1:1/hook', secret: 's' });
const failed: DeliveryResult = { ok: false, status: 500, error: 'HTTP 500', durationMs: 1 };
const ok: DeliveryResult = { ok: true, status: 200, durationMs: 1 };

async function until(check: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('local webhook queue', () => {
  it('retries a failed delivery by the schedule until it succeeds', async () => {
    const attempts: number[] = [];
    const deliver = vi.fn(async () => {
      attempts.push(Date.now());
      return attempts.length < 3 ? failed : ok;
    });
    // 30 s and 60 s scaled down to 3 ms and 6 ms
    const queue = localWebhookQueue({ targetOf, deliver, log, delayScale: 1e-4 });
    await queue.enqueue([message]);
    await until(() => deliver.mock.calls.length === 3);
    await queue.drained();
    expect(queue.deadLetters).toEqual([]);
    await queue.stop();
  });

  it('dead-letters after the last attempt of the schedule', async () => {
    const deliver = vi.fn(async () => failed);
    const queue = localWebhookQueue({ targetOf, deliver, log, delayScale: 1e-6 });
    await queue.enqueue([message]);
    await until(() => queue.deadLetters.length === 1);
    expect(deliver).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(queue.deadLetters).toEqual([message]);
    await queue.stop();
  });

  it('stops retrying when stopped', async () => {
    const deliver = vi.fn(async () => failed);
    const queue = localWebhookQueue({ targetOf, deliver, log, delayScale: 0.01 });
    await queue.enqueue([message]);
    await queue.drained();
    await queue.stop();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(deliver).toHaveBeenCalledTimes(1);
  });
});
