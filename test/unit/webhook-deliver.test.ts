import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../shared/auth/signature';
import { deliver } from '../../shared/webhooks/attempt';
import type { WebhookEvent } from '../../shared/webhooks/event';
import { post } from '../../shared/webhooks/pinned-post';

const event: WebhookEvent = {
  eventId: 'evt_1',
  type: 'intent.status_changed',
  occurredAt: '2026-01-01T00:00:00.000Z',
  data: { id: 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA', status: 'PROCESSING', previousStatus: 'SUBMITTED' },
};

let server: Server;
let base: string;
const received: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
const behaviours: Record<string, (res: ServerResponse) => void> = {
  '/ok': (res) => res.writeHead(204).end(),
  '/broken': (res) => res.writeHead(503).end('down'),
  '/redirect': (res) => res.writeHead(302, { location: '/ok' }).end(),
  '/slow': () => {}, // never answers
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      behaviours[(req.url ?? '').split('?')[0]!]?.(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local = { guard: { local: true } };

describe('one webhook delivery', () => {
  it('POSTs the signed event and succeeds on 2xx', async () => {
    const result = await deliver({ url: `${base}/ok?k=v`, secret: 's3cret' }, 'app_1', event, local);
    expect(result).toMatchObject({ ok: true, status: 204 });
    const hit = received.at(-1)!;
    expect(hit.url).toBe('/ok?k=v');
    expect(hit.headers['x-event-id']).toBe('evt_1');
    const ts = hit.headers['x-timestamp'] as string;
    expect(hit.headers['x-signature']).toBe(sign('s3cret', 'POST', '/ok?k=v', ts, hit.body));
  });

  it('fails on non-2xx and on redirects (which could lead past the SSRF guard)', async () => {
    await expect(deliver({ url: `${base}/broken`, secret: 's' }, 'a', event, local)).resolves.toMatchObject({
      ok: false,
      status: 503,
    });
    await expect(deliver({ url: `${base}/redirect`, secret: 's' }, 'a', event, local)).resolves.toMatchObject({
      ok: false,
      status: 302,
    });
  });

  it('gives up after the timeout', async () => {
    const result = await deliver({ url: `${base}/slow`, secret: 's' }, 'a', event, { ...local, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, error: 'timeout' });
  });

  it('does not send to private targets outside the local runtime', async () => {
    const before = received.length;
    const result = await deliver({ url: `${base}/ok`, secret: 's' }, 'a', event, { guard: { local: false } });
    expect(result).toMatchObject({ ok: false });
    expect(received.length).toBe(before);
  });

  it('connects only to the vetted addresses, whatever DNS would say now (no rebinding)', async () => {
    const port = new URL(base).port;
    // The name does not resolve at all: reaching the receiver proves the connection used the pinned address.
    const status = await post(
      `http://hooks.partner.invalid:${port}/ok?pinned=1`,
      { 'X-Event-Id': 'evt_pin' },
      '{}',
      2000,
      ['127.0.0.1'],
    );
    expect(status).toBe(204);
    const hit = received.at(-1)!;
    expect(hit.url).toBe('/ok?pinned=1');
    expect(hit.headers.host).toBe(`hooks.partner.invalid:${port}`);
  });
});
