// Each unit of work of the local runtime starts with clean log keys (issue 17 item 15): HTTP requests, stream
// batches and webhook attempts share one process and one logger there, and no line may carry another unit's keys.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localWebhookQueue } from '../../local/background/webhook-queue';
import { asInvocation } from '../../local/invocations';
import { createLocalServer } from '../../local/server';
import { logger } from '../../shared/logger';
import { statusChangedMessage } from '../support/webhooks';

let items: Record<string, unknown>[] = [];

beforeEach(() => {
  items = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) items.push(JSON.parse(line));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  logger.setLogLevel('INFO');
});

afterEach(() => {
  logger.resetKeys();
  logger.setLogLevel('SILENT');
  vi.restoreAllMocks();
});

const logged = (message: string) => items.find((item) => item.message === message);

describe('log keys per unit of work in the local runtime', () => {
  it('a webhook attempt does not carry the keys the last HTTP request left behind', async () => {
    // What a request handled outside its own invocation leaves in the shared logger.
    logger.appendKeys({ requestId: 'req_stale', appId: 'app_someone_else', route: 'POST /api/v1/intents' });
    const queue = localWebhookQueue({
      targetOf: async () => ({ url: 'http://127.0.0.1:1/hook', secret: 's' }),
      deliver: async () => ({ ok: true, status: 204, durationMs: 1 }),
      log: logger,
    });
    await queue.enqueue([statusChangedMessage]);
    await vi.waitFor(() => expect(logged('webhook delivered')).toBeDefined());
    await queue.stop();
    const line = logged('webhook delivered')!;
    expect(line.requestId).toBeUndefined();
    expect(line.route).toBeUndefined();
    expect(line.appId).toBe(statusChangedMessage.appId);
  });

  it('an HTTP request leaves no keys behind for the work that follows', async () => {
    const server = createLocalServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      const requestId = res.headers.get('x-request-id');
      await res.arrayBuffer();
      expect(requestId).toBeTruthy();
      // Outside any invocation: what the request appended stayed in its own.
      logger.info('background work');
      expect(logged('background work')).not.toHaveProperty('requestId');
      expect(JSON.stringify(logged('background work'))).not.toContain(requestId!);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('concurrent units keep their own keys: neither sees nor wipes the other’s', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const request = asInvocation('http-1', async () => {
      logger.appendKeys({ requestId: 'req_http', appId: 'app_http' });
      await gate;
      logger.info('request line');
    });
    await asInvocation('batch-1', async () => {
      logger.resetKeys(); // what a consumer handler does first
      logger.appendKeys({ intentId: 'intent_x' });
      logger.info('fulfilment line');
    });
    release();
    await request;
    expect(logged('fulfilment line')).toMatchObject({ intentId: 'intent_x' });
    expect(logged('fulfilment line')).not.toHaveProperty('requestId');
    expect(logged('request line')).toMatchObject({ requestId: 'req_http', appId: 'app_http' });
    expect(logged('request line')).not.toHaveProperty('intentId');
  });
});
