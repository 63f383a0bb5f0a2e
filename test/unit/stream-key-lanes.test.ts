// The local stream pollers' lanes (local/background/key-lanes.ts): one intent's records reach the consumer in
// stream order, other intents' records run beside them, a failed record is retried from where it failed without
// holding back other lanes, and the checkpoint never moves past a record that was not consumed.
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type KeyLanes, keyLanes } from '../../local/background/key-lanes';
import type { StreamConsumer } from '../../local/background/stream-records';

const record = (pk: string, seq: number): DynamoDBRecord => ({
  eventName: 'MODIFY',
  dynamodb: { Keys: { pk: { S: pk } }, SequenceNumber: String(seq).padStart(6, '0') },
});
const seqOf = (r: DynamoDBRecord) => r.dynamodb!.SequenceNumber!;
const pkOf = (r: DynamoDBRecord) => r.dynamodb!.Keys!.pk!.S!;
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function lanesWith(consume: StreamConsumer, parallelism = 4, signal = new AbortController().signal) {
  const checkpoints: string[] = [];
  const reports: string[] = [];
  const lanes: KeyLanes = keyLanes({
    name: 'test',
    consume,
    parallelism,
    batchSize: 3,
    retryMs: 5,
    signal,
    report: (message) => reports.push(message),
    onCheckpoint: (seq) => checkpoints.push(seq),
  });
  return { lanes, checkpoints, reports };
}

describe('stream key lanes', () => {
  it('keeps each key in order and runs different keys side by side', async () => {
    const seen = new Map<string, string[]>();
    let inFlight = 0;
    let most = 0;
    const { lanes, checkpoints } = lanesWith(async (batch) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick(5);
      for (const r of batch) seen.set(pkOf(r), [...(seen.get(pkOf(r)) ?? []), seqOf(r)]);
      inFlight--;
      return { batchItemFailures: [] };
    });
    const records = Array.from({ length: 60 }, (_, i) => record(`INTENT#${i % 12}`, i + 1));
    lanes.push(records.slice(0, 30));
    lanes.push(records.slice(30));
    await lanes.drained();
    expect(most).toBeGreaterThan(1);
    for (const [pk, seqs] of seen) {
      const expected = records.filter((r) => pkOf(r) === pk).map(seqOf);
      expect(seqs).toEqual(expected);
    }
    expect(lanes.pending).toBe(0);
    expect(checkpoints.at(-1)).toBe(seqOf(records.at(-1)!));
    // The checkpoint only moves forward.
    expect([...checkpoints].sort()).toEqual(checkpoints);
  });

  it('retries a failed record and what follows it in its lane, while other lanes go on', async () => {
    const calls: string[][] = [];
    let failedOnce = false;
    const { lanes, checkpoints } = lanesWith(async (batch) => {
      calls.push(batch.map(seqOf));
      const bad = batch.find((r) => pkOf(r) === 'INTENT#bad');
      if (bad && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: seqOf(bad) }] };
      }
      return { batchItemFailures: [] };
    }, 1);
    lanes.push([record('INTENT#a', 1), record('INTENT#bad', 2), record('INTENT#b', 3)]);
    await lanes.drained();
    expect(calls).toEqual([
      ['000001', '000002', '000003'],
      ['000002', '000003'],
    ]);
    // Never past 000001 before the retry: the first checkpoint is the record before the failure.
    expect(checkpoints).toEqual(['000001', '000003']);
  });

  it('holds the checkpoint below a failing record while later records of other lanes are consumed', async () => {
    let allow = false;
    const { lanes, checkpoints, reports } = lanesWith(async (batch) => {
      if (batch.some((r) => pkOf(r) === 'INTENT#slow') && !allow) throw new Error('throttled');
      return { batchItemFailures: [] };
    }, 8);
    const records = [record('INTENT#slow', 1), ...Array.from({ length: 20 }, (_, i) => record(`INTENT#${i}`, i + 2))];
    lanes.push(records);
    await tick(30);
    expect(reports.length).toBeGreaterThan(0);
    expect(checkpoints).toEqual([]);
    expect(lanes.pending).toBeGreaterThan(0);
    allow = true;
    await lanes.drained();
    expect(checkpoints.at(-1)).toBe('000021');
    expect(lanes.pending).toBe(0);
  });

  it('treats a failure naming no record of the batch as the whole batch failing', async () => {
    let calls = 0;
    const { lanes, checkpoints } = lanesWith(async () => {
      calls++;
      return { batchItemFailures: calls === 1 ? [{ itemIdentifier: '' }] : [] };
    }, 1);
    lanes.push([record('INTENT#a', 1), record('INTENT#b', 2)]);
    await lanes.drained();
    expect(calls).toBe(2);
    expect(checkpoints).toEqual(['000002']);
  });

  it('stops starting batches once stopped, and leaves the rest pending for the next start', async () => {
    const stop = new AbortController();
    const consumed: string[] = [];
    const { lanes } = lanesWith(
      async (batch) => {
        await tick(5);
        consumed.push(...batch.map(seqOf));
        return { batchItemFailures: [] };
      },
      1,
      stop.signal,
    );
    lanes.push(Array.from({ length: 9 }, (_, i) => record(`INTENT#${i}`, i + 1)));
    await tick(1);
    stop.abort();
    await lanes.drained();
    expect(consumed).toEqual(['000001', '000002', '000003']);
    expect(lanes.pending).toBe(6);
  });
});

describe('stream key lanes with a batching window', () => {
  it('gathers a trickle of records into one batch, and takes a full batch at once', async () => {
    const batches: string[][] = [];
    const lanes = keyLanes({
      name: 'test',
      consume: async (batch) => {
        batches.push(batch.map(seqOf));
        return { batchItemFailures: [] };
      },
      parallelism: 1,
      batchSize: 3,
      windowMs: 60,
      retryMs: 5,
      signal: new AbortController().signal,
      report: () => {},
      onCheckpoint: () => {},
    });
    lanes.push([record('INTENT#a', 1)]);
    await tick(10);
    lanes.push([record('INTENT#b', 2)]);
    await tick(10);
    expect(batches).toEqual([]);
    await lanes.drained();
    expect(batches).toEqual([['000001', '000002']]);
    lanes.push([record('INTENT#c', 3), record('INTENT#d', 4), record('INTENT#e', 5)]);
    await tick(10);
    expect(batches.at(-1)).toEqual(['000003', '000004', '000005']);
  });
});
