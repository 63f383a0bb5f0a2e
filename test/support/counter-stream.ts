// A model of the table's stream for the listing counters' tests: random intent histories turned into stream
// records (the images DynamoDB would put in them), an in-memory counter table with DynamoDB's transaction
// semantics and injectable faults, and the recount every counter must equal.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { CommitResult, CounterTable, MarkerWrite } from '../../shared/counters/aggregate';
import { type Intent, PLATFORMS, STATUSES } from '../../shared/domain/intent';
import { intentKey } from '../../shared/store/keys/intent';
import { type CounterDelta, countedIn, counterId, counterItemId } from '../../shared/store/listing-keys';

export type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const image = (i: Intent) => marshall({ ...intentKey(i.id), entity: 'intent', ...i }) as never;

export interface History {
  /** Records per shard, in the shard's order; an intent's records all sit in one shard. */
  shards: DynamoDBRecord[][];
  /** Intents alive at the end. */
  live: Intent[];
}

/** `steps` random creates, status changes, draft edits (userId/platform/createdAt hour) and deletes. */
export function randomHistory(random: Random, steps: number, shardCount = 2): History {
  const live = new Map<string, Intent>();
  const shards: DynamoDBRecord[][] = Array.from({ length: shardCount }, () => []);
  const shardOf = new Map<string, number>();
  let sequence = 0;
  const emit = (id: string, before: Intent | null, after: Intent | null) => {
    sequence += 1;
    const record: DynamoDBRecord = {
      eventID: `ev${sequence}`,
      eventName: before === null ? 'INSERT' : after === null ? 'REMOVE' : 'MODIFY',
      dynamodb: {
        SequenceNumber: String(sequence).padStart(21, '0'),
        Keys: marshall(intentKey(id)) as never,
        ...(after ? { NewImage: image(after) } : {}),
        ...(before ? { OldImage: image(before) } : {}),
      },
    };
    shards[shardOf.get(id)!]!.push(record);
  };
  for (let step = 0; step < steps; step++) {
    const existing = [...live.values()];
    const roll = random();
    if (existing.length === 0 || roll < 0.35) {
      const id = `intent_01J${String(step).padStart(23, '0')}`;
      const hour = Math.floor(random() * 3);
      const createdAt = `2026-10-31T2${hour}:00:00.000Z`;
      const intent = {
        id,
        appId: pick(random, ['app_a', 'app_b']),
        userId: pick(random, ['u1', 'u2', 'u3']),
        platform: pick(random, PLATFORMS),
        status: pick(random, ['DRAFT', 'SUBMITTED'] as const),
        createdAt,
        updatedAt: createdAt,
        version: 1,
      } as Intent;
      shardOf.set(id, Math.floor(random() * shardCount));
      live.set(id, intent);
      emit(id, null, intent);
      continue;
    }
    const before = pick(random, existing);
    if (roll < 0.5) {
      live.delete(before.id);
      emit(before.id, before, null);
      continue;
    }
    const after: Intent = { ...before, version: before.version + 1 };
    if (roll < 0.8) after.status = pick(random, STATUSES);
    else if (roll < 0.9) after.userId = pick(random, ['u1', 'u2', 'u3']);
    else if (roll < 0.95) after.platform = pick(random, PLATFORMS);
    else after.remarks = 'an edit no counter depends on';
    live.set(after.id, after);
    emit(after.id, before, after);
  }
  return { shards, live: [...live.values()] };
}

/** Every counter's exact value for the intents alive: what the stream must converge to. */
export function recount(live: Intent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const intent of live)
    for (const k of countedIn(intent)) counts.set(counterId(k), (counts.get(counterId(k)) ?? 0) + 1);
  return counts;
}

export interface Faults {
  /** Chance a commit is refused before it applies (throttling, a transaction conflict). */
  beforeApply?: number;
  /** Chance a commit applies but its answer is lost (a timeout): the caller sees an error. */
  afterApply?: number;
}

export class FaultError extends Error {
  constructor(kind: string) {
    super(kind);
    this.name = kind;
  }
}

/** DynamoDB's TransactWriteItems semantics over a Map: all or nothing, markers conditional, items once each. */
export class MemoryCounterTable implements CounterTable {
  readonly counters = new Map<string, number>();
  readonly markers = new Map<string, number>();
  commits = 0;
  faults: Faults = {};
  constructor(private readonly random: Random = Math.random) {}

  async commit(markers: MarkerWrite[], deltas: CounterDelta[]): Promise<CommitResult> {
    // The DynamoDB table sends one update per counter item (its counts ADDed together), each count once.
    if (new Set(deltas.map(counterId)).size !== deltas.length) throw new Error('one count twice in a commit');
    const ids = [...markers.map((m) => `M${m.intentId}`), ...new Set(deltas.map((d) => `C${counterItemId(d)}`))];
    if (new Set(ids).size !== ids.length) throw new Error('ValidationException: one item twice in a transaction');
    if (ids.length > 100) throw new Error('ValidationException: more than 100 items');
    if (this.random() < (this.faults.beforeApply ?? 0))
      throw new FaultError(this.random() < 0.5 ? 'ProvisionedThroughputExceededException' : 'TransactionConflict');
    const duplicates = markers.flatMap((m, i) =>
      (this.markers.get(m.intentId) ?? 0) >= (m.from ?? m.version) ? [i] : [],
    );
    if (duplicates.length) return { committed: false, duplicates };
    for (const m of markers) this.markers.set(m.intentId, m.version);
    for (const d of deltas) this.counters.set(counterId(d), (this.counters.get(counterId(d)) ?? 0) + d.delta);
    this.commits += 1;
    if (this.random() < (this.faults.afterApply ?? 0)) throw new FaultError('TimeoutError');
    return { committed: true };
  }

  /** Counters that are not zero, as the recount lists them. */
  nonZero(): Map<string, number> {
    return new Map([...this.counters].filter(([, n]) => n !== 0));
  }
}
