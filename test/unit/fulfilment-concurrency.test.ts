// The fulfilment consumer runs a batch's intents side by side (an adapter call takes about a second; one after
// another, a batch of the soak's load would hold every intent well past the local 15 s promise), keeps each
// intent's records in order, and reports the earliest failed record so the stream retries from there.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { Intent, IntentStatus } from '../../shared/domain/intent';
import type { FulfilmentAdapter } from '../../shared/fulfilment/adapter';
import { type FulfilmentStore, processRecords } from '../../shared/fulfilment/consumer';
import { intentKey } from '../../shared/store/keys/intent';

const intent = (n: number, status: IntentStatus): Intent =>
  ({
    id: `intent_01JAAAAAAAAAAAAAAAAAAAAAA${n}`,
    appId: 'app_1',
    userId: 'u1',
    platform: 'JD',
    productUrl: 'https://item.jd.com/123456.html',
    status,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:01.000Z',
    version: 3,
  }) as Intent;

let sequence = 0;
function record(after: Intent, before: IntentStatus): DynamoDBRecord {
  sequence += 1;
  const image = (i: Intent) => marshall({ ...intentKey(i.id), entity: 'intent', ...i }) as never;
  return {
    eventName: 'MODIFY',
    dynamodb: {
      SequenceNumber: String(sequence),
      Keys: marshall(intentKey(after.id)) as never,
      NewImage: image(after),
      OldImage: image({ ...after, status: before, version: after.version - 1 }),
    },
  };
}

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function deps(store: FulfilmentStore, adapter: FulfilmentAdapter) {
  return { store, adapterFor: () => adapter, log, adapterTimeoutMs: 5_000 };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fulfilment consumer concurrency', () => {
  it("runs different intents' adapter calls side by side", async () => {
    const processing = [1, 2, 3, 4, 5].map((n) => intent(n, 'PROCESSING'));
    const store: FulfilmentStore = {
      current: async (id) => processing.find((i) => i.id === id),
      startProcessing: async () => undefined,
      complete: async (id) => processing.find((i) => i.id === id),
      fail: async () => undefined,
      recordOrder: async () => undefined,
      recordCancelRefusal: async () => {},
    };
    // Counted, not timed: how many adapter calls were in flight at once.
    let inFlight = 0;
    let mostAtOnce = 0;
    const slow: FulfilmentAdapter = {
      name: 'slow',
      fulfil: async () => {
        inFlight++;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        await pause(50);
        inFlight--;
        return { kind: 'completed', orderId: 'O', trackingNumber: 'T', trackingCompany: 'C' };
      },
    };
    const result = await processRecords(
      processing.map((i) => record(i, 'SUBMITTED')),
      deps(store, slow),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(mostAtOnce).toBe(5);
  });

  it("keeps one intent's records in order and reports the earliest failed record of the batch", async () => {
    const steps: string[] = [];
    const a = intent(1, 'SUBMITTED');
    const b = intent(2, 'SUBMITTED');
    const store: FulfilmentStore = {
      current: async (id) => ({ ...(id === a.id ? a : b), status: 'PROCESSING' }),
      startProcessing: async (id) => {
        steps.push(`start ${id.slice(-1)}`);
        await pause(id === a.id ? 60 : 0);
        if (id === b.id) throw new Error('throttled');
        return { ...a, status: 'PROCESSING' };
      },
      recordOrder: async () => undefined,
      recordCancelRefusal: async () => {},
      complete: async (id) => {
        steps.push(`complete ${id.slice(-1)}`);
        return undefined;
      },
      fail: async () => undefined,
    };
    const done: FulfilmentAdapter = {
      name: 'done',
      fulfil: async () => ({ kind: 'completed', orderId: 'O', trackingNumber: 'T', trackingCompany: 'C' }),
    };
    const records = [
      record(a, 'DRAFT'),
      record(b, 'DRAFT'),
      record({ ...a, status: 'PROCESSING', version: 4 }, 'SUBMITTED'),
      record({ ...b, status: 'PROCESSING', version: 4 }, 'SUBMITTED'),
    ];
    const result = await processRecords(records, deps(store, done));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]!.dynamodb!.SequenceNumber }] });
    // a: start before complete, although b's start ran meanwhile; b stops at its failure.
    expect(steps.filter((s) => s.endsWith('1'))).toEqual(['start 1', 'complete 1']);
    expect(steps).not.toContain('complete 2');
  });
});
