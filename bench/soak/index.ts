// `npm run soak`: a bounded mixed load against the local runtime on 127.0.0.1, with bad requests mixed in, then a
// reconciliation of what was created against what the list route reports. It starts and stops the runtime itself
// (free ports, temporary DATA_DIR) and exits non-zero on any 5xx, any unexpected answer or any reconciliation gap.
// SOAK_SECONDS (default 180, at most 600) and SOAK_MAX_REQUESTS (default 20000) bound the run.
import { sign } from '../../shared/auth/signature';
import { type StartedRuntime, startRuntime } from '../e2e/runtime';
import { createBenchApp } from '../e2e/warmup';
import type { Credentials } from '../e2e/workload';

const SECONDS = Math.min(Number(process.env.SOAK_SECONDS ?? 180) || 180, 600);
const MAX_REQUESTS = Math.min(Number(process.env.SOAK_MAX_REQUESTS ?? 20_000) || 20_000, 100_000);
const WORKERS = 8;

const body = {
  userId: 'soak_user',
  platform: 'TAOBAO',
  productUrl: 'https://item.taobao.com/item.htm?id=424242',
  title: '压测商品',
  price: 12.34,
  quantity: 2,
  recipientName: '压测用户',
  address: '深圳市南山区科技园 1 号',
  phone: '13800138000',
};

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the envelope's data differs per route; the soak reads a few fields
  json: { code: number; data: any } | undefined;
}

// Strictly increasing across the workers, as the SDKs do: identical bodies signed in one millisecond would share a
// signature, and the API accepts a write's signature once (the soak once counted that refusal as a violation).
let lastTimestamp = 0;
function nextTimestamp(): string {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return String(lastTimestamp);
}
async function call(
  base: string,
  creds: Credentials,
  method: string,
  target: string,
  payload = '',
  tweak?: (h: Record<string, string>) => void,
): Promise<Answer> {
  const timestamp = nextTimestamp();
  const headers: Record<string, string> = {
    'x-app-id': creds.appId,
    'x-timestamp': timestamp,
    'x-signature': sign(creds.appSecret, method, target, timestamp, payload),
    'content-type': 'application/json',
  };
  tweak?.(headers);
  const res = await fetch(`${base}${target}`, { method, headers, body: payload === '' ? undefined : payload });
  const text = await res.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

async function main() {
  let runtime: StartedRuntime | undefined;
  const violations: string[] = [];
  const byStatus = new Map<number, number>();
  const live = new Set<string>();
  const drafts: string[] = [];
  const deleted = new Set<string>();
  /** Drafts whose DELETE has been sent (it may land before its answer comes back). */
  const deleting = new Set<string>();
  let sent = 0;
  try {
    runtime = await startRuntime();
    const base = runtime.url;
    const creds = await createBenchApp(runtime.dynamoDbPort, 'soak');
    console.log(
      `soak: runtime on ${base}, app ${creds.appId}, ${SECONDS} s or ${MAX_REQUESTS} requests, ${WORKERS} workers`,
    );

    const expect = (what: string, answer: Answer, statuses: number[]) => {
      byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500) violations.push(`${what}: ${answer.status} ${answer.json?.code}`);
      else if (!statuses.includes(answer.status))
        violations.push(`${what}: expected ${statuses.join('/')}, got ${answer.status} ${answer.json?.code}`);
      else if (answer.json === undefined) violations.push(`${what}: body is not JSON`);
    };

    const ops: [number, () => Promise<void>][] = [
      [
        30,
        async () => {
          const status = Math.random() < 0.5 ? 'DRAFT' : 'SUBMITTED';
          const a = await call(base, creds, 'POST', '/api/v1/intents', JSON.stringify({ ...body, status }));
          expect('create', a, [201]);
          const id = a.json?.data?.intentId ?? a.json?.data?.id;
          if (a.status === 201 && id) {
            live.add(id);
            if (status === 'DRAFT') drafts.push(id);
          }
        },
      ],
      [
        15,
        async () => {
          const id = [...live][Math.floor(Math.random() * live.size)];
          if (!id) return;
          const a = await call(base, creds, 'GET', `/api/v1/intents/${id}`);
          // Another worker may delete this draft while the GET is in flight: then, and only then, 404 is right.
          expect('get', a, deleting.has(id) || deleted.has(id) ? [200, 404] : [200]);
        },
      ],
      [
        10,
        async () => expect('list', await call(base, creds, 'GET', '/api/v1/intents?pageSize=20&status=DRAFT'), [200]),
      ],
      [
        10,
        async () => {
          const id = drafts[Math.floor(Math.random() * drafts.length)];
          if (id)
            expect(
              'edit draft',
              await call(base, creds, 'PUT', `/api/v1/intents/${id}`, '{"title":"改过的标题"}'),
              [200, 404, 409],
            );
        },
      ],
      [
        8,
        async () => {
          const id = drafts.pop();
          if (!id) return;
          deleting.add(id);
          const a = await call(base, creds, 'DELETE', `/api/v1/intents/${id}`);
          expect('delete draft', a, [200, 204, 409]);
          if (a.status < 300) {
            live.delete(id);
            deleted.add(id);
          }
        },
      ],
      // Bad requests: each must be refused with a 4xx.
      [
        5,
        async () =>
          expect(
            'forged signature',
            await call(base, creds, 'POST', '/api/v1/intents', JSON.stringify(body), (h) => {
              h['x-signature'] = '0'.repeat(64);
            }),
            [401],
          ),
      ],
      [
        5,
        async () =>
          expect(
            'expired timestamp',
            await call(base, creds, 'GET', '/api/v1/intents', '', (h) => {
              h['x-timestamp'] = String(Date.now() - 600_000);
            }),
            [401],
          ),
      ],
      [5, async () => expect('malformed JSON', await call(base, creds, 'POST', '/api/v1/intents', '{"title":'), [400])],
      [
        4,
        async () =>
          expect(
            'prototype key',
            await call(
              base,
              creds,
              'POST',
              '/api/v1/intents',
              `${JSON.stringify(body).slice(0, -1)},"__proto__":{"x":1}}`,
            ),
            [400],
          ),
      ],
      [
        4,
        async () =>
          expect(
            'unknown id',
            await call(base, creds, 'GET', '/api/v1/intents/intent_01HZY2K3M4N5P6Q7R8S9T0V1W2'),
            [404],
          ),
      ],
      [3, async () => expect('traversal id', await call(base, creds, 'GET', '/api/v1/intents/..%2F..%2Fapps'), [404])],
      [
        1,
        async () =>
          expect(
            'huge price',
            await call(base, creds, 'POST', '/api/v1/intents', JSON.stringify(body).replace('12.34', '1e400')),
            [400],
          ),
      ],
    ];
    const weight = ops.reduce((n, [w]) => n + w, 0);
    const pick = () => {
      let r = Math.random() * weight;
      for (const [w, op] of ops) {
        r -= w;
        if (r < 0) return op;
      }
      return ops[0]![1];
    };

    const until = Date.now() + SECONDS * 1000;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (Date.now() < until && sent < MAX_REQUESTS) {
          sent++;
          try {
            await pick()();
          } catch (error) {
            // A refused connection means the runtime is gone: one violation, then stop instead of spinning.
            violations.push(`transport: ${(error as Error).message} (did the runtime stop?)`);
            sent = MAX_REQUESTS;
          }
        }
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    console.log(`soak: ${sent} requests in ${elapsed.toFixed(1)} s (${(sent / elapsed).toFixed(0)}/s)`);
    console.log(`soak: by status ${JSON.stringify(Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)))}`);

    // Totals follow the stream (the listing counters' consumer): wait until the total equals what was created and
    // not deleted, and say how long that took once writes stopped.
    const stopped = Date.now();
    let converged = false;
    while (!converged && Date.now() - stopped < 10_000) {
      const a = await call(base, creds, 'GET', '/api/v1/intents?pageSize=1');
      converged = a.status === 200 && a.json?.data.total === live.size;
      if (!converged) await new Promise((r) => setTimeout(r, 50));
    }
    console.log(
      `soak: list total matched after ${Date.now() - stopped} ms (${converged ? 'converged' : 'not in 10 s'})`,
    );

    // Reconcile: every created, not deleted intent is listed exactly once, nothing deleted is listed, totals match.
    const listed: string[] = [];
    let cursor: string | undefined;
    let total = -1;
    do {
      const a = await call(
        base,
        creds,
        'GET',
        `/api/v1/intents?pageSize=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      if (a.status !== 200) {
        violations.push(`reconcile list: ${a.status} ${a.json?.code}`);
        break;
      }
      total = a.json?.data.total;
      listed.push(...(a.json?.data.items ?? []).map((i: { intentId?: string; id?: string }) => i.intentId ?? i.id));
      cursor = a.json?.data.nextCursor ?? undefined;
    } while (cursor);
    const listedSet = new Set(listed);
    const missing = [...live].filter((id) => !listedSet.has(id));
    const ghosts = listed.filter((id) => deleted.has(id));
    if (listedSet.size !== listed.length)
      violations.push(`reconcile: ${listed.length - listedSet.size} intents listed twice`);
    if (missing.length) violations.push(`reconcile: ${missing.length} created intents not listed, e.g. ${missing[0]}`);
    if (ghosts.length) violations.push(`reconcile: ${ghosts.length} deleted intents still listed`);
    if (total !== live.size || listed.length !== live.size)
      violations.push(`reconcile: total ${total}, listed ${listed.length}, created and not deleted ${live.size}`);
    console.log(
      `soak: reconciled ${live.size} live intents (${deleted.size} deleted): total ${total}, listed ${listed.length}`,
    );

    // The local promise (API reference: Lifecycle): every submitted intent reaches its final status within 15 s, under this load.
    const final = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
    let seconds: number[] = [];
    let pending = 0;
    const deadline = Date.now() + 30_000;
    do {
      seconds = [];
      pending = 0;
      cursor = undefined;
      do {
        const target = `/api/v1/intents?pageSize=100&filter[status][in]=SUBMITTED,PROCESSING,COMPLETED,FAILED&fields=status,createdAt,updatedAt${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const a = await call(base, creds, 'GET', target);
        for (const i of (a.json?.data.items ?? []) as { status: string; createdAt: string; updatedAt: string }[]) {
          if (final.has(i.status)) seconds.push((Date.parse(i.updatedAt) - Date.parse(i.createdAt)) / 1000);
          else pending++;
        }
        cursor = a.json?.data.nextCursor ?? undefined;
      } while (cursor);
      if (pending) await new Promise((r) => setTimeout(r, 500));
    } while (pending && Date.now() < deadline);
    seconds.sort((a, b) => a - b);
    const late = seconds.filter((s) => s > 15).length;
    console.log(
      `soak: fulfilment of ${seconds.length} submitted intents: p50 ${seconds[Math.floor(seconds.length / 2)] ?? 0} s, max ${seconds.at(-1) ?? 0} s, ${late} over 15 s, ${pending} not final`,
    );
    if (late || pending) violations.push(`fulfilment: ${late} intents over 15 s, ${pending} not final after 30 s`);
  } catch (error) {
    violations.push(`soak aborted: ${(error as Error).message}`);
  } finally {
    await runtime?.stop();
  }
  if (runtime && Object.keys(runtime.log.problems).length)
    console.log(`soak: the runtime logged ${JSON.stringify(runtime.log.problems)}`);
  if (violations.length) {
    console.error(`soak: FAILED with ${violations.length} violations`);
    for (const v of violations.slice(0, 20)) console.error(`  ${v}`);
    process.exit(1);
  }
  console.log('soak: OK — zero 5xx, every answer as expected, reconciliation exact');
}

void main();
