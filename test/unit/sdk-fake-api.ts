// A small in-memory stand-in for the procure-core API on 127.0.0.1, strict about signatures the way the API reference
// ("Authentication") is, so the SDK tests fail if the SDK signs anything other than the exact bytes it sends.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, signaturesMatch } from '../../shared/auth/signature';

export interface Recorded {
  method: string;
  /** Path and query exactly as received on the wire. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Status the fake answered with. */
  status: number;
}

export interface Fault {
  method?: string;
  path?: string;
  status: number;
  code: number;
  headers?: Record<string, string>;
}

interface StoredIntent extends Record<string, unknown> {
  id: string;
  status: string;
  createdAt: string;
}

const SUMMARY_FIELDS = ['id', 'userId', 'platform', 'title', 'price', 'quantity', 'totalAmount', 'status', 'createdAt'];

export class FakeApi {
  readonly appId = 'app_fake';
  readonly appSecret = 'secret_fake_for_tests';
  readonly requests: Recorded[] = [];
  readonly intents = new Map<string, StoredIntent>();
  /** Answered, in order, before the real handling of matching requests. */
  readonly faults: Fault[] = [];
  /** Answer lists with `nextCursor` (the offset of the next item) and honour `cursor`, like the real API. */
  cursors = false;
  /** Each GET of an intent advances it one step along this path, to exercise polling. */
  progressOnGet: string[] = [];
  private readonly acceptedSignatures = new Set<string>();
  private readonly idempotency = new Map<string, { body: string; id: string }>();
  private readonly batches = new Map<string, { body: string; data: unknown }>();
  private server?: Server;
  private seq = 0;
  baseURL = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const { status, payload, headers } = this.handle(req.method ?? 'GET', req.url ?? '/', req.headers, raw);
        this.requests.push({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body: raw.toString('utf8'),
          status,
        });
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'x-request-id': `req_${Date.now()}_fake${this.requests.length}`,
          ...headers,
        });
        res.end(JSON.stringify(payload));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseURL = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
    this.intents.clear();
    this.progressOnGet = [];
    this.cursors = false;
  }

  private handle(method: string, url: string, headers: IncomingHttpHeaders, raw: Buffer) {
    const answer = (status: number, code: number, data: unknown = null, extra: Record<string, string> = {}) => ({
      status,
      payload: { code, message: code === 0 ? '操作成功' : `error ${code}`, data },
      headers: extra,
    });
    const timestamp = String(headers['x-timestamp'] ?? '');
    if (!/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > 300_000) return answer(401, 40102);
    if (headers['x-app-id'] !== this.appId) return answer(401, 40103);
    const given = String(headers['x-signature'] ?? '');
    // Like API Gateway: the path is verified percent-decoded, the query exactly as sent.
    const [wirePath = '', wireQuery] = url.split(/\?(.*)/s);
    const verified = decodeURIComponent(wirePath) + (wireQuery === undefined ? '' : `?${wireQuery}`);
    if (!signaturesMatch(sign(this.appSecret, method, verified, timestamp, raw), given)) return answer(401, 40101);
    if (method !== 'GET') {
      if (this.acceptedSignatures.has(given.toLowerCase())) return answer(401, 40101);
      this.acceptedSignatures.add(given.toLowerCase());
    }
    const [path = '', query = ''] = url.split('?');
    const faultAt = this.faults.findIndex((f) => (!f.method || f.method === method) && (!f.path || f.path === path));
    if (faultAt >= 0) {
      const [fault] = this.faults.splice(faultAt, 1);
      return answer(fault!.status, fault!.code, null, fault!.headers);
    }
    const body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    if (path === '/api/v1/intents/batch' && method === 'POST')
      return this.batch(headers, raw.toString('utf8'), body, answer);
    const match = /^\/api\/v1\/intents(?:\/([^/]+))?(\/events)?$/.exec(path);
    if (!match) return answer(404, 40401);
    const id = match[1] ? decodeURIComponent(match[1]) : undefined;
    if (!id && method === 'POST') return this.create(headers, raw.toString('utf8'), body, answer);
    if (!id && method === 'GET') return answer(200, 0, this.list(new URLSearchParams(query)));
    const intent = id ? this.intents.get(id) : undefined;
    if (!intent) return answer(404, 40401);
    if (match[2])
      return answer(200, 0, { id: intent.id, items: [{ actor: 'app', to: 'SUBMITTED', at: intent.createdAt }] });
    if (method === 'GET') {
      const next = this.progressOnGet.shift();
      if (next) intent.status = next;
      return answer(200, 0, intent);
    }
    if (method === 'PUT') {
      if (intent.status !== 'DRAFT' && body.status !== 'CANCELLED') return answer(409, 40902);
      Object.assign(intent, body);
      return answer(200, 0, intent);
    }
    if (method === 'DELETE') {
      this.intents.delete(intent.id);
      return answer(200, 0, { id: intent.id, deleted: true });
    }
    return answer(405, 40001);
  }

  private create(
    headers: IncomingHttpHeaders,
    raw: string,
    body: Record<string, unknown>,
    answer: (status: number, code: number, data?: unknown) => { status: number; payload: unknown; headers: object },
  ) {
    const key = headers['idempotency-key'] as string | undefined;
    const previous = key ? this.idempotency.get(key) : undefined;
    if (previous) return previous.body === raw ? answer(201, 0, this.intents.get(previous.id)) : answer(409, 40901);
    const now = new Date(Date.UTC(2026, 1, 25, 10, 0, this.seq)).toISOString();
    const id = `intent_${String(++this.seq).padStart(26, '0')}`;
    const intent: StoredIntent = {
      ...body,
      id,
      status: (body.status as string) ?? 'SUBMITTED',
      totalAmount: Math.round(Number(body.price) * 100 * Number(body.quantity)) / 100,
      createdAt: now,
      updatedAt: now,
    };
    this.intents.set(id, intent);
    if (key) this.idempotency.set(key, { body: raw, id });
    return answer(201, 0, intent);
  }

  /** Refuses items with a price <= 0 (40001, field price), creates the rest; one key covers the batch. */
  private batch(
    headers: IncomingHttpHeaders,
    raw: string,
    body: { items: Record<string, unknown>[]; atomic?: boolean },
    answer: (status: number, code: number, data?: unknown) => { status: number; payload: unknown; headers: object },
  ) {
    const key = headers['idempotency-key'] as string | undefined;
    const previous = key ? this.batches.get(key) : undefined;
    if (previous) return previous.body === raw ? answer(200, 0, previous.data) : answer(409, 40901);
    if (body.items.length < 1 || body.items.length > (body.atomic ? 25 : 50)) return answer(400, 40001);
    const items = body.items.map((item, index) => {
      if (Number(item.price) <= 0)
        return { index, code: 40001, message: '参数验证失败', errors: [{ field: 'price', message: '价格必须大于 0' }] };
      const intent = (this.create({}, '', item, answer).payload as { data: StoredIntent }).data;
      return { index, code: 0, id: intent.id, intent };
    });
    if (key) this.batches.set(key, { body: raw, data: { items } });
    return answer(200, 0, { items });
  }

  private list(query: URLSearchParams) {
    const page = Number(query.get('page') ?? 1);
    const pageSize = Math.min(Number(query.get('pageSize') ?? 20), 100);
    const status = query.get('status');
    const all = [...this.intents.values()].filter((i) => !status || i.status === status);
    const cursor = query.get('cursor');
    const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : (page - 1) * pageSize;
    const items = all
      .slice(start, start + pageSize)
      .map((i) => Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, i[f]])));
    const more = this.cursors && start + pageSize < all.length;
    const nextCursor = more ? Buffer.from(String(start + pageSize)).toString('base64url') : undefined;
    return {
      items,
      total: all.length,
      page: cursor ? Math.floor(start / pageSize) + 1 : page,
      pageSize,
      totalPages: Math.ceil(all.length / pageSize),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }
}
