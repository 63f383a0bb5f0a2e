// The end-to-end bench's partner traffic: which operation comes next (70% reads, 20% creates, 10% updates) and the
// signed request for it. Pure, so the mix and the signing are unit-tested without a server.
import { sign } from '../../shared/auth/signature';

export type Operation = 'get' | 'list' | 'create' | 'update';

/** Percent of requests per operation: reads (get + list) 70, creates 20, updates 10 (issue 9 goal 5). */
export const MIX: Record<Operation, number> = { get: 45, list: 25, create: 20, update: 10 };

export interface Credentials {
  appId: string;
  appSecret: string;
}

export interface Pools {
  /** Intents the warm-up created, for detail reads. */
  intentIds: string[];
  /** DRAFT intents the warm-up created: only they can be edited, and the bench never submits them. */
  draftIds: string[];
}

export interface PartnerRequest {
  operation: Operation;
  method: 'GET' | 'POST' | 'PUT';
  /** Path and query exactly as sent on the wire (and signed). */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const PLATFORMS = ['TAOBAO', 'JD', 'PDD'] as const;

/** A product URL per platform. The id ends in 1, so the sandbox adapter completes it (404/409/402 would fail it). */
function productUrl(platform: (typeof PLATFORMS)[number], n: number): string {
  const id = `${100_000 + n}1`;
  if (platform === 'TAOBAO') return `https://item.taobao.com/item.htm?id=${id}`;
  if (platform === 'JD') return `https://item.jd.com/${id}.html`;
  return `https://mobile.yangkeduo.com/goods.html?goods_id=${id}`;
}

export const USERS = 10;

/**
 * A valid create body (API reference: The intent), different for every n: the replay guard refuses a POST whose signature
 * was already accepted, and two connections may sign identical bodies in the same millisecond.
 */
export function intentBody(n: number, status?: 'DRAFT' | 'SUBMITTED'): string {
  const platform = PLATFORMS[n % PLATFORMS.length]!;
  return JSON.stringify({
    userId: `bench_user_${n % USERS}`,
    platform,
    productUrl: productUrl(platform, n),
    title: `压测商品 ${n}`,
    // Whole fen divided once, so the number has at most two decimals (10 + 7 / 100 does not).
    price: (1000 + (n % 500)) / 100,
    quantity: 1 + (n % 5),
    recipientName: '压测用户',
    address: '深圳市南山区科技园 1 号',
    phone: '13800138000',
    remarks: `bench #${n}`,
    ...(status ? { status } : {}),
  });
}

/** List reads with the filters partners use; the query strings are already percent-encoded as sent. */
export const LIST_QUERIES = [
  'pageSize=20',
  'status=SUBMITTED&pageSize=20',
  'status=DRAFT&sortBy=updatedAt&order=desc&pageSize=20',
  'userId=bench_user_3&pageSize=10',
  'filter%5Bplatform%5D=JD&filter%5Bprice%5D%5Bgte%5D=12&sortBy=price&order=asc&pageSize=20',
];

/** Maps a uniform number in [0, 1) to an operation with the MIX weights. */
export function pickOperation(r: number): Operation {
  let left = r * 100;
  for (const [operation, weight] of Object.entries(MIX) as [Operation, number][]) {
    left -= weight;
    if (left < 0) return operation;
  }
  return 'get';
}

export function signedHeaders(creds: Credentials, method: string, path: string, body: string, now: number) {
  const timestamp = String(now);
  return {
    'X-App-Id': creds.appId,
    'X-Timestamp': timestamp,
    'X-Signature': sign(creds.appSecret, method, path, timestamp, body),
    ...(body ? { 'Content-Type': 'application/json' } : {}),
  };
}

/** Builds each request at send time: a fresh timestamp and signature, and a unique body for every write. */
export class Workload {
  private sequence = 0;

  constructor(
    private readonly creds: Credentials,
    private readonly pools: Pools,
    /** Keeps create and edit bodies apart from the warm-up's and from other runs on the same table. */
    private readonly firstNumber: number,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {
    if (pools.intentIds.length === 0 || pools.draftIds.length === 0) throw new Error('the warm-up created no intents');
  }

  private any(ids: string[]): string {
    return ids[Math.floor(this.random() * ids.length)]!;
  }

  next(): PartnerRequest {
    const operation = pickOperation(this.random());
    const n = this.firstNumber + this.sequence++;
    switch (operation) {
      case 'get':
        return this.request(operation, 'GET', `/api/v1/intents/${this.any(this.pools.intentIds)}`);
      case 'list':
        return this.request(operation, 'GET', `/api/v1/intents?${this.any(LIST_QUERIES)}`);
      case 'create':
        // A unique Idempotency-Key, as a partner that retries safely would send.
        return this.request(operation, 'POST', '/api/v1/intents', intentBody(n), { 'Idempotency-Key': `bench-${n}` });
      case 'update':
        return this.request(
          operation,
          'PUT',
          `/api/v1/intents/${this.any(this.pools.draftIds)}`,
          JSON.stringify({ quantity: 1 + (n % 9), remarks: `bench edit #${n}` }),
        );
    }
  }

  private request(
    operation: Operation,
    method: PartnerRequest['method'],
    path: string,
    body = '',
    extra: Record<string, string> = {},
  ): PartnerRequest {
    const headers = { ...signedHeaders(this.creds, method, path, body, this.now()), ...extra };
    return { operation, method, path, headers, ...(body ? { body } : {}) };
  }
}
