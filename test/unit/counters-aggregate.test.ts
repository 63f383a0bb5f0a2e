// The listing counters' stream consumer (shared/counters/aggregate.ts) against a model of the stream: random
// histories delivered the way an event source mapping does (shards interleaved, batches of any size, redelivery,
// bisection after failures, partial batch responses) to a counter table that throttles, times out after
// applying and conflicts. Whatever happens, once the stream is drained every counter equals a recount.
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregate,
  applyToCounters,
  chunksOf,
  MAX_TRANSACTION_ITEMS,
  mergeByIntent,
} from '../../shared/counters/aggregate';
import { type CounterChange, counterChangeOf } from '../../shared/counters/changes';
import { type Bucket, counterItemId, counterKey } from '../../shared/store/listing-keys';
import { seededRandom as seeded } from '../../tools/listing-load';
import { MemoryCounterTable, type Random, randomHistory, recount } from '../support/counter-stream';

const quick = { backoffMs: () => 0 };

interface Delivery {
  /** Chance a batch starts before the checkpoint (records already counted come again). */
  redeliver: number;
  /** Chance the invocation's answer is lost after it ran (a crash or timeout): the batch comes again, bisected. */
  crash: number;
  maxBatch: number;
}

/** Delivers every shard the way an event source mapping does, until each is acknowledged to its end. */
async function deliver(
  shards: DynamoDBRecord[][],
  table: MemoryCounterTable,
  random: Random,
  delivery: Delivery,
  rounds: number,
): Promise<void> {
  const next = shards.map(() => 0);
  const bisectTo = shards.map((): number | undefined => undefined);
  const unfinished = () => shards.map((_, s) => s).filter((s) => next[s]! < shards[s]!.length);
  for (let round = 0; round < rounds && unfinished().length; round++) {
    const open = unfinished();
    const s = open[Math.floor(random() * open.length)]!;
    const records = shards[s]!;
    const size = bisectTo[s] ?? 1 + Math.floor(random() * delivery.maxBatch);
    const start = random() < delivery.redeliver ? Math.max(0, next[s]! - Math.floor(random() * 6)) : next[s]!;
    const batch = records.slice(start, start + size);
    const result = await applyToCounters(batch, { table, attempts: 1 + Math.floor(random() * 3), ...quick });
    if (random() < delivery.crash) {
      bisectTo[s] = Math.max(1, Math.floor(batch.length / 2));
      continue;
    }
    const failed = result.batchItemFailures[0]?.itemIdentifier;
    if (failed === undefined) {
      next[s] = Math.max(next[s]!, start + batch.length);
      bisectTo[s] = undefined;
    } else {
      const at = batch.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
      expect(at).toBeGreaterThanOrEqual(0);
      next[s] = Math.max(next[s]!, start + at);
      bisectTo[s] = Math.max(1, Math.floor(batch.length / 2));
    }
  }
}

async function drain(shards: DynamoDBRecord[][], table: MemoryCounterTable, random: Random) {
  table.faults = {};
  await deliver(shards, table, random, { redeliver: 0, crash: 0, maxBatch: 10 }, 10_000);
}

describe('listing counters from the stream', () => {
  it('equal a recount after random batches with redelivery, bisection, partial failures and faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.nat(),
          steps: fc.integer({ min: 1, max: 120 }),
          shards: fc.integer({ min: 1, max: 3 }),
          beforeApply: fc.double({ min: 0, max: 0.5, noNaN: true }),
          afterApply: fc.double({ min: 0, max: 0.3, noNaN: true }),
          redeliver: fc.double({ min: 0, max: 0.5, noNaN: true }),
          crash: fc.double({ min: 0, max: 0.3, noNaN: true }),
          maxBatch: fc.integer({ min: 1, max: 40 }),
        }),
        async (p) => {
          const random = seeded(p.seed);
          const history = randomHistory(random, p.steps, p.shards);
          const table = new MemoryCounterTable(random);
          table.faults = { beforeApply: p.beforeApply, afterApply: p.afterApply };
          await deliver(history.shards, table, random, p, 400);
          await drain(history.shards, table, random);
          expect(table.nonZero()).toEqual(recount(history.live));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('count each record once however often the same batch comes again', async () => {
    const random = seeded(7);
    const history = randomHistory(random, 60, 1);
    const table = new MemoryCounterTable(random);
    for (let i = 0; i < 3; i++) await applyToCounters(history.shards[0]!, { table, ...quick });
    expect(table.nonZero()).toEqual(recount(history.live));
  });

  it("count an intent's changes of one batch as one, and split them when some were counted already", async () => {
    const random = seeded(21);
    const history = randomHistory(random, 80, 1);
    const records = history.shards[0]!;
    const changes = records.map(counterChangeOf).filter((c): c is CounterChange => c !== undefined);
    const merged = mergeByIntent(changes);
    // The history changes intents more than once, so some merge.
    expect(merged.length).toBeLessThan(changes.length);
    const repeated = merged.find((c) => c.parts.length > 1)!;
    // Everything up to the middle of that intent's changes is counted first, then the whole batch comes again.
    const cut = records.findIndex((r) => r.dynamodb?.SequenceNumber === repeated.parts[1]!.sequenceNumber);
    const table = new MemoryCounterTable(random);
    await applyToCounters(records.slice(0, cut), { table, ...quick });
    const commitsBefore = table.commits;
    await applyToCounters(records, { table, ...quick });
    expect(table.commits).toBeGreaterThan(commitsBefore);
    expect(table.markers.get(repeated.intentId)).toBe(repeated.version);
    expect(table.nonZero()).toEqual(recount(history.live));
  });

  it('report the first record of the chunk that keeps failing, after committing the chunks before it', async () => {
    const random = seeded(3);
    const history = randomHistory(random, 200, 1);
    const records = history.shards[0]!;
    const changes = records.map(counterChangeOf).filter((c): c is CounterChange => c !== undefined);
    const chunks = chunksOf(mergeByIntent(changes));
    expect(chunks.length).toBeGreaterThan(2);
    const table = new MemoryCounterTable(random);
    const commit = table.commit.bind(table);
    let calls = 0;
    table.commit = async (markers, deltas) => {
      calls += 1;
      if (calls >= 2) throw new Error('ProvisionedThroughputExceededException');
      return commit(markers, deltas);
    };
    const result = await applyToCounters(records, { table, attempts: 3, ...quick });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: chunks[1]!.changes[0]!.sequenceNumber }]);
    expect(table.commits).toBe(1);
    expect([...table.markers.keys()].sort()).toEqual([...new Set(chunks[0]!.changes.map((c) => c.intentId))].sort());
  });

  it('retry throttled and timed-out commits, and a commit that applied before its timeout is not counted twice', async () => {
    const random = seeded(11);
    const history = randomHistory(random, 40, 1);
    const table = new MemoryCounterTable(() => 0.99);
    const commit = table.commit.bind(table);
    let calls = 0;
    table.commit = async (markers, deltas) => {
      calls += 1;
      if (calls === 1) throw new Error('ProvisionedThroughputExceededException');
      const result = await commit(markers, deltas);
      if (calls === 2) throw new Error('TimeoutError'); // applied, answer lost
      return result;
    };
    const result = await applyToCounters(history.shards[0]!, { table, attempts: 5, ...quick });
    expect(result.batchItemFailures).toEqual([]);
    expect(table.nonZero()).toEqual(recount(history.live));
  });

  it('group changes into transactions of at most 100 items that never touch one intent twice', () => {
    const random = seeded(5);
    const history = randomHistory(random, 300, 1);
    const changes = mergeByIntent(
      history.shards[0]!.map(counterChangeOf).filter((c): c is CounterChange => c !== undefined),
    );
    const chunks = chunksOf(changes);
    expect(chunks.flatMap((c) => c.changes)).toEqual(changes);
    for (const chunk of chunks) {
      const ids = chunk.changes.map((c) => c.intentId);
      expect(new Set(ids).size).toBe(ids.length);
      // One transaction item per marker and per counter item (its counts ADDed together).
      const counterItems = new Set(aggregate(chunk.changes).map(counterItemId)).size;
      expect(chunk.changes.length + counterItems).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);
    }
    // Chunks are filled: more counts than fit 100 items one per count.
    expect(chunks.some((c) => c.changes.length + aggregate(c.changes).length > MAX_TRANSACTION_ITEMS)).toBe(true);
  });

  it('net the deltas of a batch per count and leave zeros out', () => {
    const change = (delta: number, bucket: Bucket): CounterChange => ({
      sequenceNumber: '1',
      intentId: 'i',
      version: 1,
      deleted: false,
      deltas: [{ ...counterKey('a', {}, bucket), delta }],
    });
    const hour = 'H#2026-12-03T09';
    expect(
      aggregate([change(1, 'ALL'), change(1, 'ALL'), change(-1, hour), change(1, hour), change(1, 'M#2026-12')]),
    ).toEqual([
      { pk: 'COUNT#a#ALL', sk: 'ALL', attribute: 'ALL', delta: 2 },
      { pk: 'COUNT#a#ALL', sk: 'ALL', attribute: 'M#2026-12', delta: 1 },
    ]);
  });

  it('ignore records of items other than intents and edits that move no counter', () => {
    expect(counterChangeOf({ eventName: 'INSERT', dynamodb: { NewImage: { pk: { S: 'APP#x' } } } })).toBeUndefined();
    const random = seeded(1);
    const history = randomHistory(random, 30, 1);
    const remarksOnly = history.shards[0]!.filter(
      (r) => r.dynamodb?.NewImage?.remarks && !r.dynamodb.OldImage?.remarks,
    );
    for (const record of remarksOnly) expect(counterChangeOf(record)).toBeUndefined();
  });
});
