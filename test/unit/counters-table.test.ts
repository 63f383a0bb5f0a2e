// The listing counters' DynamoDB table (shared/store/counter-table.ts) with a mocked client: what one commit
// sends, which refusals name counted records, and which errors are left to the aggregator's retries.
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyToCounters } from '../../shared/counters/aggregate';
import { documentClient } from '../../shared/store/client';
import { dynamoCounterTable } from '../../shared/store/counter-table';
import { seededRandom as seeded } from '../../tools/listing-load';
import { randomHistory } from '../support/counter-stream';

const ddb = mockClient(DynamoDBDocumentClient);
const table = dynamoCounterTable(documentClient(), 'T');
const delta = { pk: 'COUNT#a#ALL', sk: 'ALL', attribute: 'ALL' as const, delta: 2 };

const cancelled = (codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

beforeEach(() => ddb.reset());

describe('dynamoCounterTable', () => {
  it('writes the markers (conditional on being below their version) and the ADDs in one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const result = await table.commit(
      [
        { intentId: 'intent_1', version: 3, deleted: false },
        { intentId: 'intent_2', version: 5, deleted: true },
      ],
      [delta],
    );
    expect(result).toEqual({ committed: true });
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items).toHaveLength(3);
    expect(items[0]!.Update).toMatchObject({
      Key: { pk: 'INTENT#intent_1', sk: 'COUNTED' },
      ConditionExpression: 'attribute_not_exists(#v) OR #v < :f',
      ExpressionAttributeValues: { ':v': 3, ':f': 3 },
    });
    expect(items[0]!.Update!.UpdateExpression).not.toContain('expiresAt');
    // A deleted intent's marker expires after the stream's retention.
    expect(items[1]!.Update!.UpdateExpression).toContain('expiresAt');
    expect(items[2]!.Update).toMatchObject({
      Key: { pk: 'COUNT#a#ALL', sk: 'ALL' },
      UpdateExpression: 'ADD #c0 :d0 SET #e = :e',
      ExpressionAttributeNames: { '#c0': 'ALL', '#e': 'entity' },
      ExpressionAttributeValues: { ':d0': 2, ':e': 'counter' },
    });
  });

  it('sends one update per counter item, adding to each of its counts', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const counts = [
      delta,
      { pk: 'COUNT#a#ALL', sk: 'D#2026-12-03', attribute: 'H#2026-12-03T09' as const, delta: 1 },
      { pk: 'COUNT#a#ALL', sk: 'ALL', attribute: 'M#2026-12' as const, delta: -1 },
      { pk: 'COUNT#a#ALL', sk: 'D#2026-12-03', attribute: 'D#2026-12-03' as const, delta: 1 },
    ];
    await table.commit([{ intentId: 'intent_1', version: 1, deleted: false }], counts);
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items).toHaveLength(3);
    expect(items[1]!.Update).toMatchObject({
      Key: { pk: 'COUNT#a#ALL', sk: 'ALL' },
      UpdateExpression: 'ADD #c0 :d0, #c1 :d1 SET #e = :e',
      ExpressionAttributeNames: { '#c0': 'ALL', '#c1': 'M#2026-12', '#e': 'entity' },
      ExpressionAttributeValues: { ':d0': 2, ':d1': -1, ':e': 'counter' },
    });
    expect(items[2]!.Update).toMatchObject({
      Key: { pk: 'COUNT#a#ALL', sk: 'D#2026-12-03' },
      ExpressionAttributeNames: { '#c0': 'H#2026-12-03T09', '#c1': 'D#2026-12-03', '#e': 'entity' },
      ExpressionAttributeValues: { ':d0': 1, ':d1': 1, ':e': 'counter' },
    });
  });

  it('names the markers whose condition failed: those records were counted already', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed', 'None']));
    const markers = [
      { intentId: 'intent_1', version: 2, deleted: false },
      { intentId: 'intent_2', version: 2, deleted: false },
    ];
    expect(await table.commit(markers, [delta])).toEqual({ committed: false, duplicates: [1] });
  });

  it('leaves throttling, conflicts and timeouts to the caller as errors', async () => {
    const marker = [{ intentId: 'intent_1', version: 2, deleted: false }];
    for (const error of [
      Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' }),
      cancelled(['TransactionConflict', 'None']),
      Object.assign(new Error('socket timeout'), { name: 'TimeoutError' }),
    ]) {
      ddb.reset();
      ddb.on(TransactWriteCommand).rejects(error);
      await expect(table.commit(marker, [delta])).rejects.toBe(error);
    }
  });

  it('under the aggregator, a throttled then conflicting commit is retried until it lands, once', async () => {
    const history = randomHistory(seeded(2), 12, 1);
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }))
      .rejectsOnce(cancelled(['None', 'TransactionConflict']))
      .resolves({});
    const result = await applyToCounters(history.shards[0]!, { table, backoffMs: () => 0 });
    expect(result.batchItemFailures).toEqual([]);
    const calls = ddb.commandCalls(TransactWriteCommand);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    // The retried commit is the same write: the markers make a second landing impossible anyway.
    expect(calls[2]!.args[0].input).toEqual(calls[0]!.args[0].input);
  });

  it('a batch whose commits keep failing is reported from its first counted record, for the source to retry', async () => {
    const history = randomHistory(seeded(4), 12, 1);
    ddb.on(TransactWriteCommand).rejects(Object.assign(new Error('down'), { name: 'InternalServerError' }));
    const result = await applyToCounters(history.shards[0]!, { table, attempts: 2, backoffMs: () => 0 });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: history.shards[0]![0]!.dynamodb!.SequenceNumber }]);
  });
});
