// The stream consumer against a mocked DynamoDB that behaves like the table: reads return the stored intent and
// transactional writes honour the store's version condition, so redelivery and races play out as they would.

import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../functions/fulfilment-consumer';
import { StatusConflictError } from '../../shared/domain/errors';
import type { Intent, IntentStatus } from '../../shared/domain/intent';
import { cancel } from '../../shared/domain/lifecycle';
import type { FulfilmentAdapter } from '../../shared/fulfilment/adapter';
import { type ConsumerDeps, processRecords } from '../../shared/fulfilment/consumer';
import { intentsFulfilmentStore } from '../../shared/fulfilment/store';
import { transition } from '../../shared/store/intents';
import { intentKey } from '../../shared/store/keys/intent';

const ddb = mockClient(DynamoDBDocumentClient);
let stored: Intent | undefined;
let writes: Intent[];

function intent(status: IntentStatus, productId = '123456', version = 2): Intent {
  return {
    id: 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA',
    appId: 'app_1',
    userId: 'u1',
    platform: 'JD',
    productUrl: `https://item.jd.com/${productId}.html`,
    title: '键盘',
    priceFen: 1999,
    quantity: 1,
    totalAmountFen: 1999,
    recipientName: '张三',
    address: '北京市朝阳区某路1号',
    phone: '13800138000',
    status,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:01.000Z',
    version,
  };
}

let sequence = 0;
function changeRecord(after: Intent, beforeStatus?: IntentStatus): DynamoDBRecord {
  const item = (i: Intent) => marshall({ ...intentKey(i.id), entity: 'intent', ...i }) as never;
  sequence += 1;
  return {
    eventID: `e${sequence}`,
    eventName: beforeStatus ? 'MODIFY' : 'INSERT',
    dynamodb: {
      SequenceNumber: String(sequence),
      Keys: marshall(intentKey(after.id)) as never,
      NewImage: item(after),
      ...(beforeStatus ? { OldImage: item({ ...after, status: beforeStatus, version: after.version - 1 }) } : {}),
    },
  };
}

function conditionFailed() {
  return Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
  });
}

function fakeTable() {
  ddb
    .on(GetCommand)
    .callsFake(async () => ({ Item: stored ? { ...intentKey(stored.id), entity: 'intent', ...stored } : undefined }));
  ddb.on(TransactWriteCommand).callsFake(async (input) => {
    const put = input.TransactItems[0].Put;
    if (stored?.version !== put.ExpressionAttributeValues[':version']) throw conditionFailed();
    const { pk: _pk, sk: _sk, entity: _e, ...rest } = put.Item;
    stored = Object.fromEntries(Object.entries(rest).filter(([k]) => !/^gsi\d+(pk|sk)$/.test(k))) as unknown as Intent;
    writes.push(stored);
    return {};
  });
}

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
// Before the handler's first record, when its adapters read their configuration.
beforeAll(() => {
  vi.stubEnv('SANDBOX_DELAY_MS', '0');
});

beforeEach(() => {
  ddb.reset();
  stored = undefined;
  writes = [];
  fakeTable();
});

const run = (...records: DynamoDBRecord[]) => handler({ Records: records });

describe('fulfilment consumer', () => {
  it('moves a submitted intent to PROCESSING with a write conditional on the version it read', async () => {
    stored = intent('SUBMITTED');
    await expect(run(changeRecord(stored, 'DRAFT'))).resolves.toEqual({ batchItemFailures: [] });
    expect(writes.map((w) => w.status)).toEqual(['PROCESSING']);
    const put = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!;
    expect(put.ConditionExpression).toContain('version');
    expect(put.ExpressionAttributeValues).toMatchObject({ ':version': 2 });
  });

  it('orders a PROCESSING intent through the sandbox and records COMPLETED with the order', async () => {
    stored = intent('PROCESSING', '123456', 3);
    await expect(run(changeRecord(stored, 'SUBMITTED'))).resolves.toEqual({ batchItemFailures: [] });
    expect(stored).toMatchObject({ status: 'COMPLETED', version: 4 });
    expect(stored?.orderId).toMatch(/^SBX/);
    expect(stored?.trackingNumber).toBeTruthy();
    expect(stored?.trackingCompany).toBeTruthy();
    expect(stored?.completedAt).toBe(stored?.updatedAt);
  });

  it.each([
    ['404', 'PRODUCT_UNAVAILABLE', '商品已下架'],
    ['409', 'OUT_OF_STOCK', '库存不足'],
    ['402', 'PRICE_CHANGED', '商品价格变动'],
  ])('records FAILED for a product id ending in %s', async (suffix, failureCode, failureReason) => {
    stored = intent('PROCESSING', `100${suffix}`, 3);
    await run(changeRecord(stored, 'SUBMITTED'));
    expect(stored).toMatchObject({ status: 'FAILED', failureCode, failureReason });
    expect(stored?.orderId).toBeUndefined();
  });

  it('does nothing on redelivery: a stale SUBMITTED record and a stale PROCESSING record write nothing', async () => {
    const submitted = intent('SUBMITTED');
    const processing = intent('PROCESSING', '123456', 3);
    stored = intent('COMPLETED', '123456', 4);
    await expect(run(changeRecord(submitted, 'DRAFT'), changeRecord(processing, 'SUBMITTED'))).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(writes).toEqual([]);
  });

  it('runs the whole pipeline twice over the same records and still orders once', async () => {
    stored = intent('SUBMITTED');
    const first = changeRecord(stored, 'DRAFT');
    await run(first);
    const second = changeRecord(stored, 'SUBMITTED');
    await run(second);
    await run(first, second);
    expect(writes.map((w) => w.status)).toEqual(['PROCESSING', 'COMPLETED']);
  });

  it("writes each step over the intent it already has: the record's image, then the copy read before the adapter", async () => {
    stored = intent('SUBMITTED');
    await run(changeRecord(stored, 'DRAFT'));
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
    await run(changeRecord(stored!, 'SUBMITTED'));
    // One read guards the adapter call (a cancel may have come since the record); the outcome is written over it.
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
    expect(writes.map((w) => w.status)).toEqual(['PROCESSING', 'COMPLETED']);
  });

  it("reads afresh when the record's image is stale, and the domain then refuses a cancelled intent", async () => {
    const submitted = intent('SUBMITTED');
    stored = cancel(submitted, '2026-01-01T00:00:02.000Z');
    await expect(run(changeRecord(submitted, 'DRAFT'))).resolves.toEqual({ batchItemFailures: [] });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(ddb.commandCalls(GetCommand).length).toBeGreaterThan(0);
    expect(writes).toEqual([]);
    expect(stored.status).toBe('CANCELLED');
  });

  it('never orders an intent cancelled before the adapter runs', async () => {
    const processing = intent('PROCESSING', '123456', 3);
    stored = cancel(processing, '2026-01-01T00:00:02.000Z');
    await run(changeRecord(processing, 'SUBMITTED'));
    expect(writes).toEqual([]);
    expect(stored.status).toBe('CANCELLED');
  });

  it('ignores items that are not intents and edits that keep the status', async () => {
    stored = intent('SUBMITTED');
    const history: DynamoDBRecord = {
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: '99',
        NewImage: marshall({ pk: 'INTENT#x', sk: 'EVENT#1', intentId: stored.id, to: 'SUBMITTED' }) as never,
      },
    };
    const sameStatus = changeRecord(intent('SUBMITTED', '1', 3), 'SUBMITTED');
    // An app item as the local Streams API client hands it over: its empty map arrives as `{}`.
    const app: DynamoDBRecord = {
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: '98',
        NewImage: { pk: { S: 'APP#a' }, sk: { S: 'APP' }, status: { S: 'ACTIVE' }, limits: {} } as never,
      },
    };
    await expect(run(history, sameStatus, app)).resolves.toEqual({ batchItemFailures: [] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it('reports the first failing record and stops there, so the stream retries from it', async () => {
    stored = intent('SUBMITTED');
    ddb.on(TransactWriteCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const failing = changeRecord(stored, 'DRAFT');
    const after = changeRecord(intent('PROCESSING', '1', 3), 'SUBMITTED');
    await expect(run(failing, after)).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: failing.dynamodb!.SequenceNumber }],
    });
    // the record after the failure was not touched: only the first record's (failed) write, over its image
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });
});

describe('fulfilment around the adapter call', () => {
  const deps = (adapter: FulfilmentAdapter, adapterTimeoutMs = 1000): ConsumerDeps => ({
    store: intentsFulfilmentStore(),
    adapterFor: () => adapter,
    log,
    adapterTimeoutMs,
  });

  it('a cancel that lands while the adapter works wins: the outcome is discarded, the intent stays CANCELLED', async () => {
    stored = intent('PROCESSING', '123456', 3);
    const record = changeRecord(stored, 'SUBMITTED');
    const racing: FulfilmentAdapter = {
      name: 'racing',
      async fulfil() {
        stored = cancel(stored!, '2026-01-01T00:00:02.000Z'); // the partner's PUT, committed mid-order
        return { kind: 'completed', orderId: 'O1', trackingNumber: 'T1', trackingCompany: 'C' };
      },
    };
    await expect(processRecords([record], deps(racing))).resolves.toEqual({ batchItemFailures: [] });
    expect(stored).toMatchObject({ status: 'CANCELLED' });
    expect(stored?.orderId).toBeUndefined();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('discarded'), expect.anything());
  });

  it('a cancel that comes after the completion is refused, so the intent is never both', async () => {
    stored = intent('PROCESSING', '123456', 3);
    const done = async () => ({ kind: 'completed' as const, orderId: 'O', trackingNumber: 'T', trackingCompany: 'C' });
    await processRecords([changeRecord(stored, 'SUBMITTED')], deps({ name: 'ok', fulfil: done }));
    const partnerCancel = transition({
      id: stored!.id,
      appId: 'app_1',
      change: (i) => cancel(i, new Date().toISOString()),
      actor: 'app',
    });
    await expect(partnerCancel).rejects.toBeInstanceOf(StatusConflictError);
    expect(stored).toMatchObject({ status: 'COMPLETED', orderId: 'O' });
  });

  it('an adapter that throws fails the record for a retry and leaves the intent PROCESSING', async () => {
    stored = intent('PROCESSING', '123456', 3);
    const record = changeRecord(stored, 'SUBMITTED');
    const broken: FulfilmentAdapter = {
      name: 'broken',
      fulfil: async () => Promise.reject(new Error('platform down')),
    };
    await expect(processRecords([record], deps(broken))).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber }],
    });
    expect(stored?.status).toBe('PROCESSING');
  });

  it('an adapter that does not answer in time fails the record for a retry', async () => {
    stored = intent('PROCESSING', '123456', 3);
    const record = changeRecord(stored, 'SUBMITTED');
    const hanging: FulfilmentAdapter = { name: 'hanging', fulfil: () => new Promise(() => {}) };
    await expect(processRecords([record], deps(hanging, 30))).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber }],
    });
    expect(log.error).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ error: expect.objectContaining({ name: 'AdapterTimeout' }) }),
    );
    expect(stored?.status).toBe('PROCESSING');
  });

  it('the manual adapter leaves the intent PROCESSING for the operator', async () => {
    stored = intent('PROCESSING', '123456', 3);
    await processRecords(
      [changeRecord(stored, 'SUBMITTED')],
      deps({ name: 'manual', fulfil: async () => ({ kind: 'pending' }) }),
    );
    expect(writes).toEqual([]);
  });

  it('a placed platform order goes on the intent, which stays PROCESSING, and is indexed by its order id first', async () => {
    stored = intent('PROCESSING', '123456', 3);
    ddb.on(PutCommand).resolves({});
    await processRecords(
      [changeRecord(stored, 'SUBMITTED')],
      deps({ name: 'jd-vop', fulfil: async () => ({ kind: 'placed', orderId: '240000000001' }) }),
    );
    expect(stored).toMatchObject({ status: 'PROCESSING', orderId: '240000000001', version: 4 });
    const index = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(index.Item).toMatchObject({ pk: 'ORDER#JD#240000000001', intentId: stored!.id });
    expect(index.ConditionExpression).toContain('attribute_not_exists(pk)');
  });

  it('a cancel that won while a platform order exists voids it; a refusal is recorded for operators', async () => {
    ddb.on(PutCommand).resolves({});
    const cancelled = cancel(intent('PROCESSING', '123456', 3), '2026-01-01T00:00:02.000Z');
    const voided = vi.fn(async () => ({
      kind: 'refused' as const,
      orderId: '240000000001',
      reason: '3203 订单已出库,不能取消',
    }));
    const adapter: FulfilmentAdapter = { name: 'jd-vop', fulfil: async () => ({ kind: 'pending' }), void: voided };

    await expect(processRecords([changeRecord(cancelled, 'PROCESSING')], deps(adapter))).resolves.toEqual({
      batchItemFailures: [],
    });

    expect(voided).toHaveBeenCalledWith(expect.objectContaining({ id: cancelled.id, status: 'CANCELLED' }));
    const audit = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(audit).toMatchObject({
      sk: 'AUDIT#CANCEL_REFUSED#240000000001',
      action: 'PLATFORM_CANCEL_REFUSED',
      orderId: '240000000001',
    });
    expect(JSON.stringify(audit)).not.toContain('13800138000');
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('operators'), expect.anything());
  });

  it('a cancel from SUBMITTED never reached a platform: nothing to void', async () => {
    const voided = vi.fn();
    const adapter: FulfilmentAdapter = { name: 'jd-vop', fulfil: async () => ({ kind: 'pending' }), void: voided };
    await processRecords(
      [changeRecord(cancel(intent('SUBMITTED'), '2026-01-01T00:00:02.000Z'), 'SUBMITTED')],
      deps(adapter),
    );
    expect(voided).not.toHaveBeenCalled();
  });
});
