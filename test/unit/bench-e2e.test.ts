// The end-to-end bench's traffic: the mix it promises, bodies and queries the API accepts, and a fresh valid
// signature on every request (a refused or replayed request would be the bench's error, not the server's).
import { describe, expect, it } from 'vitest';
import { recordLine, type ServerLog } from '../../bench/e2e/runtime';
import {
  intentBody,
  LIST_QUERIES,
  MIX,
  type Operation,
  pickOperation,
  signedHeaders,
  Workload,
} from '../../bench/e2e/workload';
import { sign } from '../../shared/auth/signature';
import { createIntentSchema, updateIntentSchema } from '../../shared/schemas/intent';
import { parseListQuery } from '../../shared/schemas/list-query';

const creds = { appId: 'app_bench', appSecret: 'bench-secret' };
const pools = { intentIds: ['intent_a', 'intent_b'], draftIds: ['intent_d1', 'intent_d2'] };

/** mulberry32: a seeded generator, so the proportions checked are the same on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('the bench mix', () => {
  it('is 70% reads, 20% creates and 10% updates', () => {
    expect(MIX.get + MIX.list).toBe(70);
    expect(MIX.create).toBe(20);
    expect(MIX.update).toBe(10);
  });

  it('maps the unit interval onto the weights', () => {
    expect(pickOperation(0)).toBe('get');
    expect(pickOperation(0.449)).toBe('get');
    expect(pickOperation(0.45)).toBe('list');
    expect(pickOperation(0.7)).toBe('create');
    expect(pickOperation(0.9)).toBe('update');
    expect(pickOperation(0.9999)).toBe('update');
  });

  it('holds its proportions over many requests', () => {
    const workload = new Workload(creds, pools, 0, seeded(42));
    const seen: Record<Operation, number> = { get: 0, list: 0, create: 0, update: 0 };
    for (let i = 0; i < 20_000; i++) seen[workload.next().operation]++;
    for (const operation of Object.keys(MIX) as Operation[])
      expect(Math.abs(seen[operation] / 200 - MIX[operation])).toBeLessThan(1.5);
  });
});

describe('the bench requests', () => {
  it('sends create bodies the API accepts, for every platform', () => {
    for (let n = 0; n < 600; n++) {
      const body = JSON.parse(intentBody(n, n % 2 ? 'DRAFT' : undefined));
      expect(createIntentSchema.safeParse(body).success, intentBody(n)).toBe(true);
    }
  });

  it('lists with queries the API accepts', () => {
    for (const query of LIST_QUERIES) expect(() => parseListQuery(query)).not.toThrow();
  });

  it('signs each request at send time over the path and query as sent', () => {
    let clock = 1_700_000_000_000;
    const workload = new Workload(creds, pools, 0, seeded(7), () => clock++);
    for (let i = 0; i < 200; i++) {
      const r = workload.next();
      const timestamp = r.headers['X-Timestamp']!;
      expect(r.headers['X-Signature']).toBe(sign(creds.appSecret, r.method, r.path, timestamp, r.body ?? ''));
      expect(r.headers['X-App-Id']).toBe(creds.appId);
      if (r.operation === 'update') {
        expect(pools.draftIds).toContain(r.path.split('/').pop());
        expect(updateIntentSchema.safeParse(JSON.parse(r.body!)).success).toBe(true);
      }
    }
  });

  it('never repeats a write signature, even within one millisecond', () => {
    const workload = new Workload(creds, pools, 0, seeded(3), () => 1_700_000_000_000);
    const signatures = new Set<string>();
    let writes = 0;
    for (let i = 0; i < 2000; i++) {
      const r = workload.next();
      if (r.method === 'GET') continue;
      writes++;
      signatures.add(r.headers['X-Signature']!);
    }
    expect(writes).toBeGreaterThan(400);
    expect(signatures.size).toBe(writes);
  });

  it('sends a JSON content type only with a body', () => {
    expect(signedHeaders(creds, 'GET', '/api/v1/intents', '', 1)).not.toHaveProperty('Content-Type');
    expect(signedHeaders(creds, 'POST', '/api/v1/intents', '{}', 1)).toHaveProperty('Content-Type', 'application/json');
  });
});

describe('the runtime log summary', () => {
  it('counts non-2xx access lines and WARN/ERROR entries, and nothing else', () => {
    const log: ServerLog = { refusedByStatus: {}, problems: {}, samples: [] };
    recordLine(log, 'POST /api/v1/intents → intents-create 201 12ms');
    recordLine(log, 'POST /api/v1/intents → intents-create 503 80ms');
    recordLine(log, '{"level":"INFO","message":"request refused"}');
    recordLine(
      log,
      '{"level":"WARN","message":"dependency unavailable","error":{"name":"TransactionCanceledException","message":"Transaction cancelled [TransactionConflict]"}}',
    );
    recordLine(log, 'table procure-core-local created in /tmp/x');
    expect(log.refusedByStatus).toEqual({ '503': 1 });
    expect(log.problems).toEqual({ 'dependency unavailable: TransactionCanceledException': 1 });
    expect(log.samples[0]).toContain('TransactionConflict');
  });
});
