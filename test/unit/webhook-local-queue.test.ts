import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileQueueStore } from '../../local/background/queue-file';
import { localWebhookQueue } from '../../local/background/webhook-queue';
import type { DeliveryResult } from '../../shared/webhooks/attempt';
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

describe('local webhook queue kept in DATA_DIR (a restart of npm start resumes pending retries)', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'procure-core-queue-'));
    dirs.push(dir);
    return dir;
  };
  const storeIn = (dir: string) => fileQueueStore(join(dir, 'webhook-queue.json'), log.warn);
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('a retry pending when the runtime stops is attempted after the restart, when it falls due', async () => {
    const dir = dataDir();
    let clock = 1_000_000;
    const now = () => clock;
    const first = vi.fn(async () => failed);
    const before = localWebhookQueue({ targetOf, deliver: first, log, store: storeIn(dir), now });
    await before.enqueue([message]);
    await before.drained();
    expect(first).toHaveBeenCalledTimes(1);
    await before.stop();
    // On disk: the message, its next attempt (2) and when it is due (the schedule's 30 s later).
    const saved = JSON.parse(readFileSync(join(dir, 'webhook-queue.json'), 'utf8'));
    expect(saved.pending).toEqual([{ messageId: expect.any(String), message, attempt: 2, dueAt: 1_000_000 + 30_000 }]);

    clock += 31_000; // the restart comes after the retry fell due
    const second = vi.fn(async () => ok);
    const after = localWebhookQueue({ targetOf, deliver: second, log, store: storeIn(dir), now });
    await until(() => second.mock.calls.length === 1);
    await after.drained();
    expect(second).toHaveBeenCalledWith(expect.anything(), message.appId, message.event);
    expect(after.pendingCount()).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'webhook-queue.json'), 'utf8')).pending).toEqual([]);
    await after.stop();
  });

  it('waits for a resumed retry that is not yet due', async () => {
    const dir = dataDir();
    const clock = 0;
    const failing = localWebhookQueue({
      targetOf,
      deliver: async () => failed,
      log,
      store: storeIn(dir),
      now: () => clock,
    });
    await failing.enqueue([message]);
    await failing.drained();
    await failing.stop();
    const deliver = vi.fn(async () => ok);
    const resumed = localWebhookQueue({ targetOf, deliver, log, store: storeIn(dir), now: () => 29_950 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(deliver).not.toHaveBeenCalled();
    await until(() => deliver.mock.calls.length === 1);
    await resumed.stop();
  });

  it('keeps dead letters across restarts, and sets an unreadable file aside instead of losing it', async () => {
    const dir = dataDir();
    const dead = localWebhookQueue({
      targetOf,
      deliver: async () => failed,
      log,
      delayScale: 1e-6,
      store: storeIn(dir),
    });
    await dead.enqueue([message]);
    await until(() => dead.deadLetters.length === 1);
    await dead.stop();
    expect(localWebhookQueue({ targetOf, log, store: storeIn(dir) }).deadLetters).toEqual([message]);

    writeFileSync(join(dir, 'webhook-queue.json'), '{not json');
    const fresh = localWebhookQueue({ targetOf, log, store: storeIn(dir) });
    expect(fresh.pendingCount()).toBe(0);
    expect(readdirSync(dir).some((name) => name.startsWith('webhook-queue.json.unreadable-'))).toBe(true);
    expect(existsSync(join(dir, 'webhook-queue.json'))).toBe(false);
  });
});
