// `client.intents`: one method per intent route, plus paging and polling helpers built on them.
import { randomUUID } from 'node:crypto';
import { ProcureTimeoutError } from './errors.js';
import type { QueryValue, Transport } from './transport.js';
import {
  type BatchItemResult,
  type CreatedIntent,
  type CreateIntentInput,
  type CreateManyOptions,
  type CreateOptions,
  type DeletedIntent,
  FINAL_STATUSES,
  type Intent,
  type IntentEvent,
  type IntentList,
  type IntentListData,
  type IntentSummary,
  type ListParams,
  MAX_ATOMIC_BATCH_SIZE,
  MAX_BATCH_SIZE,
  type UpdateIntentInput,
  type WaitOptions,
} from './types.js';

const BASE = '/api/v1/intents';

function intentPath(id: string, suffix = ''): string {
  return `${BASE}/${encodeURIComponent(id)}${suffix}`;
}

function listQuery(params: ListParams): [string, QueryValue][] {
  const { filter, fields, ...plain } = params;
  const pairs: [string, QueryValue][] = Object.entries(plain).map(([k, v]) => [k, v as QueryValue]);
  if (fields?.length) pairs.push(['fields', fields.join(',')]);
  for (const [field, condition] of Object.entries(filter ?? {})) {
    if (typeof condition !== 'object') {
      pairs.push([`filter[${field}]`, condition]);
      continue;
    }
    for (const [op, value] of Object.entries(condition)) {
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.join(',') : value;
      pairs.push([op === 'eq' ? `filter[${field}]` : `filter[${field}][${op}]`, text]);
    }
  }
  return pairs;
}

function withDataAlias(list: IntentListData): IntentList {
  return Object.defineProperty({ ...list }, 'data', {
    get() {
      return this;
    },
    enumerable: false,
  }) as IntentList;
}

export class Intents {
  constructor(private readonly transport: Transport) {}

  /** POST /intents: always sends an Idempotency-Key (yours or a generated one) so retries cannot duplicate. */
  async create(input: CreateIntentInput, options: CreateOptions = {}): Promise<CreatedIntent> {
    const key = options.idempotencyKey ?? randomUUID();
    const res = await this.transport.call<CreatedIntent>({
      method: 'POST',
      path: BASE,
      body: input,
      headers: { 'idempotency-key': key },
      retryUnsafe: true,
    });
    return res.data;
  }

  /**
   * POST /intents/batch: creates many intents in requests of up to 50, one result per input in input order (`index`
   * counts from the start of `inputs`). Non-atomic, invalid items come back `ok: false` with the single create's
   * code and field errors while the rest are created; `atomic` sends at most 25 in one all-or-nothing request.
   */
  async createMany(inputs: CreateIntentInput[], options: CreateManyOptions = {}): Promise<BatchItemResult[]> {
    const size = options.batchSize ?? MAX_BATCH_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH_SIZE)
      throw new RangeError(`batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}`);
    if (options.atomic && inputs.length > MAX_ATOMIC_BATCH_SIZE)
      throw new RangeError(`an atomic createMany takes at most ${MAX_ATOMIC_BATCH_SIZE} inputs`);
    const results: BatchItemResult[] = [];
    for (let start = 0, n = 0; start < inputs.length; start += size, n++) {
      const items = inputs.slice(start, start + size);
      const key =
        options.idempotencyKey === undefined
          ? randomUUID()
          : inputs.length > size
            ? `${options.idempotencyKey}_${n}`
            : options.idempotencyKey;
      const res = await this.transport.call<{ items: Omit<BatchItemResult, 'ok'>[] }>({
        method: 'POST',
        path: `${BASE}/batch`,
        body: options.atomic ? { items, atomic: true } : { items },
        headers: { 'idempotency-key': key },
        retryUnsafe: true,
      });
      for (const item of res.data.items)
        results.push({ ...item, index: start + item.index, ok: item.code === 0 } as BatchItemResult);
    }
    return results;
  }

  async get(id: string): Promise<Intent> {
    return (await this.transport.call<Intent>({ method: 'GET', path: intentPath(id), retryUnsafe: true })).data;
  }

  /** One page; the result also answers `result.data.items` as the API documents' examples use it. */
  async list(params: ListParams = {}): Promise<IntentList> {
    const res = await this.transport.call<IntentListData>({
      method: 'GET',
      path: BASE,
      query: listQuery(params),
      retryUnsafe: true,
    });
    return withDataAlias(res.data);
  }

  /** Every item matching `params`, page after page (following `nextCursor` when the API gives one). */
  async *iterate(params: ListParams = {}): AsyncGenerator<IntentSummary, void, undefined> {
    let query: ListParams = { ...params };
    for (;;) {
      const page = await this.list(query);
      yield* page.items;
      // A cursor that does not move would loop forever; treat it as the end.
      if (page.nextCursor && page.nextCursor !== query.cursor) {
        const { page: _ignored, ...rest } = params;
        query = { ...rest, cursor: page.nextCursor };
        continue;
      }
      if (query.cursor !== undefined || page.items.length === 0 || page.page >= page.totalPages) return;
      query = { ...query, page: page.page + 1 };
    }
  }

  /** All matching items in one array; prefer `iterate` for large result sets. */
  async listAll(params: ListParams = {}): Promise<IntentSummary[]> {
    const all: IntentSummary[] = [];
    for await (const item of this.iterate(params)) all.push(item);
    return all;
  }

  /**
   * PUT /intents/{id}. Retried after a 5xx too; if the first attempt had in fact been applied, the retry may answer
   * 409/40902, so re-read the intent when that matters.
   */
  async update(id: string, patch: UpdateIntentInput): Promise<Intent> {
    const res = await this.transport.call<Intent>({
      method: 'PUT',
      path: intentPath(id),
      body: patch,
      retryUnsafe: true,
    });
    return res.data;
  }

  /** Submits a DRAFT. */
  submit(id: string): Promise<Intent> {
    return this.update(id, { status: 'SUBMITTED' });
  }

  /** Cancels a SUBMITTED or PROCESSING intent. */
  cancel(id: string): Promise<Intent> {
    return this.update(id, { status: 'CANCELLED' });
  }

  /** Deletes a DRAFT, FAILED or CANCELLED intent. */
  async delete(id: string): Promise<DeletedIntent> {
    return (await this.transport.call<DeletedIntent>({ method: 'DELETE', path: intentPath(id), retryUnsafe: true }))
      .data;
  }

  /** The intent's status history, oldest first. */
  async events(id: string): Promise<IntentEvent[]> {
    const res = await this.transport.call<IntentEvent[] | { items: IntentEvent[] }>({
      method: 'GET',
      path: intentPath(id, '/events'),
      retryUnsafe: true,
    });
    return Array.isArray(res.data) ? res.data : (res.data?.items ?? []);
  }

  /**
   * Polls until the intent reaches a final status (COMPLETED, FAILED or CANCELLED) and returns it; check `status`
   * and `failureReason`. Rejects with ProcureTimeoutError when `timeout` passes first.
   */
  async waitForCompletion(id: string, options: WaitOptions = {}): Promise<Intent> {
    const timeout = options.timeout ?? 300_000;
    const interval = options.interval ?? 5_000;
    const deadline = Date.now() + timeout;
    for (;;) {
      const intent = await this.get(id);
      if (FINAL_STATUSES.includes(intent.status)) return intent;
      const left = deadline - Date.now();
      if (left <= 0) throw new ProcureTimeoutError(`intent ${id} still ${intent.status} after ${timeout} ms`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(interval, left)));
    }
  }
}
