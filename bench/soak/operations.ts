// The soak's mixed load: weighted partner operations, bad requests among them, each answer checked against the
// statuses it may have. What was created, drafted and deleted is kept for the checks after the load.
import type { Answer, Call } from './client';

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

/** What the load created and deleted, and every answer it got that it should not have. */
export class SoakState {
  readonly violations: string[] = [];
  readonly byStatus = new Map<number, number>();
  readonly live = new Set<string>();
  readonly drafts: string[] = [];
  readonly deleted = new Set<string>();
  /** Drafts whose DELETE has been sent (it may land before its answer comes back). */
  readonly deleting = new Set<string>();

  expect(what: string, answer: Answer, statuses: number[]): void {
    this.byStatus.set(answer.status, (this.byStatus.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500) this.violations.push(`${what}: ${answer.status} ${answer.json?.code}`);
    else if (!statuses.includes(answer.status))
      this.violations.push(`${what}: expected ${statuses.join('/')}, got ${answer.status} ${answer.json?.code}`);
    else if (answer.json === undefined) this.violations.push(`${what}: body is not JSON`);
  }
}

type Operation = [weight: number, run: () => Promise<void>];

function partnerOperations(call: Call, s: SoakState): Operation[] {
  const create = async () => {
    const status = Math.random() < 0.5 ? 'DRAFT' : 'SUBMITTED';
    const a = await call('POST', '/api/v1/intents', JSON.stringify({ ...body, status }));
    s.expect('create', a, [201]);
    const id = a.json?.data?.intentId ?? a.json?.data?.id;
    if (a.status === 201 && id) {
      s.live.add(id);
      if (status === 'DRAFT') s.drafts.push(id);
    }
  };
  const get = async () => {
    const id = [...s.live][Math.floor(Math.random() * s.live.size)];
    if (!id) return;
    const a = await call('GET', `/api/v1/intents/${id}`);
    // Another worker may delete this draft while the GET is in flight: then, and only then, 404 is right.
    s.expect('get', a, s.deleting.has(id) || s.deleted.has(id) ? [200, 404] : [200]);
  };
  const list = async () => s.expect('list', await call('GET', '/api/v1/intents?pageSize=20&status=DRAFT'), [200]);
  const edit = async () => {
    const id = s.drafts[Math.floor(Math.random() * s.drafts.length)];
    if (id)
      s.expect('edit draft', await call('PUT', `/api/v1/intents/${id}`, '{"title":"改过的标题"}'), [200, 404, 409]);
  };
  const remove = async () => {
    const id = s.drafts.pop();
    if (!id) return;
    s.deleting.add(id);
    const a = await call('DELETE', `/api/v1/intents/${id}`);
    s.expect('delete draft', a, [200, 204, 409]);
    if (a.status < 300) {
      s.live.delete(id);
      s.deleted.add(id);
    }
  };
  return [
    [30, create],
    [15, get],
    [10, list],
    [10, edit],
    [8, remove],
  ];
}

/** Bad requests: each must be refused with its 4xx. */
function badRequests(call: Call, s: SoakState): Operation[] {
  const json = JSON.stringify(body);
  return [
    [
      5,
      async () =>
        s.expect(
          'forged signature',
          await call('POST', '/api/v1/intents', json, (h) => {
            h['x-signature'] = '0'.repeat(64);
          }),
          [401],
        ),
    ],
    [
      5,
      async () =>
        s.expect(
          'expired timestamp',
          await call('GET', '/api/v1/intents', '', (h) => {
            h['x-timestamp'] = String(Date.now() - 600_000);
          }),
          [401],
        ),
    ],
    [5, async () => s.expect('malformed JSON', await call('POST', '/api/v1/intents', '{"title":'), [400])],
    [
      4,
      async () =>
        s.expect(
          'prototype key',
          await call('POST', '/api/v1/intents', `${json.slice(0, -1)},"__proto__":{"x":1}}`),
          [400],
        ),
    ],
    [
      4,
      async () => s.expect('unknown id', await call('GET', '/api/v1/intents/intent_01HZY2K3M4N5P6Q7R8S9T0V1W2'), [404]),
    ],
    [3, async () => s.expect('traversal id', await call('GET', '/api/v1/intents/..%2F..%2Fapps'), [404])],
    [
      1,
      async () => s.expect('huge price', await call('POST', '/api/v1/intents', json.replace('12.34', '1e400')), [400]),
    ],
  ];
}

/** A weighted random pick among every operation, good and bad. */
export function operationPicker(call: Call, s: SoakState): () => () => Promise<void> {
  const ops = [...partnerOperations(call, s), ...badRequests(call, s)];
  const weight = ops.reduce((n, [w]) => n + w, 0);
  return () => {
    let r = Math.random() * weight;
    for (const [w, op] of ops) {
      r -= w;
      if (r < 0) return op;
    }
    return ops[0]![1];
  };
}
