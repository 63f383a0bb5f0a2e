// Counters never drift: a randomised sequence of creates, status changes, draft edits (userId/platform) and
// deletes through the real intents store, the stream consumer catching up (shared/counters/aggregate.ts), then
// every counter is compared with a full recount of the table.
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type Intent, PLATFORMS, STATUSES } from '../../shared/domain/intent';
import { touched } from '../../shared/domain/lifecycle';
import { parseListQuery } from '../../shared/schemas/list-query';
import { countersTableName, documentClient, tableName } from '../../shared/store/client';
import { createIntent, deleteIntent, readIntent, transition } from '../../shared/store/intents';
import { listIntents } from '../../shared/store/listing';
import {
  byCounterItem,
  type CounterKey,
  countedIn,
  counterId,
  countsIn,
  indexPartition,
  pkAttribute,
} from '../../shared/store/listing-keys';
import { counterItems, sampleIntent, seededRandom } from '../../tools/listing-load';
import { settleCounters } from '../support/counters';

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

async function allIndexed(appId: string): Promise<Intent[]> {
  const out: Intent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': pkAttribute('gsi1') },
        ExpressionAttributeValues: { ':pk': indexPartition(appId, {}) },
        ExclusiveStartKey: start,
      }),
    );
    // The index projects the list fields; the app is the partition it was read from.
    out.push(...((page.Items ?? []) as Intent[]).map((i) => ({ ...i, appId })));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Every count the counters table holds in the items of these counts, by counterId. */
async function counterValues(keys: CounterKey[]): Promise<Map<string, number>> {
  const items = byCounterItem(keys).map(([k]) => ({ pk: k!.pk, sk: k!.sk }));
  const values = new Map<string, number>();
  for (let i = 0; i < items.length; i += 100) {
    const out = await documentClient().send(
      new BatchGetCommand({
        RequestItems: { [countersTableName()]: { Keys: items.slice(i, i + 100), ConsistentRead: true } },
      }),
    );
    for (const item of out.Responses?.[countersTableName()] ?? [])
      for (const [key, n] of countsIn(item)) values.set(counterId(key), n);
  }
  return values;
}

describe('listing counters', () => {
  it('match a full recount after a randomised sequence of creates, changes and deletes', async () => {
    const appId = `app_counters_${Date.now()}`;
    const random = seededRandom(42);
    const live = new Map<string, Intent>();
    const touchedKeys = new Map<string, CounterKey>();
    const remember = (intent: Intent) => {
      for (const k of countedIn(intent)) touchedKeys.set(counterId(k), k);
    };
    let n = 0;
    let now = Date.parse('2026-10-31T22:00:00.000Z');

    for (let step = 0; step < 120; step++) {
      now += Math.floor(random() * 20 * 60_000);
      const at = new Date(now).toISOString();
      const roll = random();
      const existing = [...live.values()];
      if (roll < 0.4 || existing.length < 3) {
        const intent = {
          ...sampleIntent(n++, random, { appId, users: 3 }),
          status: pick(random, ['DRAFT', 'SUBMITTED'] as const),
          createdAt: at,
          updatedAt: at,
        };
        await createIntent(intent, 'app');
        live.set(intent.id, intent);
        remember(intent);
      } else if (roll < 0.85) {
        const target = pick(random, existing);
        const changes: Partial<Intent> =
          random() < 0.6
            ? { status: pick(random, STATUSES) }
            : { userId: `user_00${Math.floor(random() * 3)}`, platform: pick(random, PLATFORMS) };
        const after = await transition({
          id: target.id,
          appId,
          change: (i) => touched(i, at, changes),
          actor: 'system',
        });
        live.set(after.id, after);
        remember(after);
      } else {
        let target = pick(random, existing);
        if (!['DRAFT', 'FAILED', 'CANCELLED'].includes(target.status))
          target = await transition({
            id: target.id,
            appId,
            change: (i) => touched(i, at, { status: 'CANCELLED' }),
            actor: 'system',
          });
        remember(target);
        await deleteIntent(await readIntent({ appId, id: target.id }), 'app', at);
        live.delete(target.id);
      }
    }

    await settleCounters();
    // The full recount: every intent the table still indexes for the app, and the counters it implies.
    const indexed = await allIndexed(appId);
    expect(indexed.map((i) => i.id).sort()).toEqual([...live.keys()].sort());
    const recount = new Map(counterItems(indexed).flatMap((item) => countsIn(item).map(([k, n]) => [counterId(k), n])));
    const stored = await counterValues([...touchedKeys.values()]);
    for (const key of touchedKeys.keys()) expect([key, stored.get(key) ?? 0]).toEqual([key, recount.get(key) ?? 0]);

    // And the list answers the same totals for filters, in-lists and ranges crossing the month boundary.
    const intents = [...live.values()];
    const checks: [string, (i: Intent) => boolean][] = [
      ['', () => true],
      ['status=CANCELLED', (i) => i.status === 'CANCELLED'],
      ['userId=user_001&platform=JD', (i) => i.userId === 'user_001' && i.platform === 'JD'],
      ['filter[status][in]=DRAFT,SUBMITTED', (i) => ['DRAFT', 'SUBMITTED'].includes(i.status)],
      ['startDate=2026-11-01', (i) => i.createdAt >= '2026-11-01'],
      [
        'startDate=2026-10-31T22:30:00Z&endDate=2026-11-01T09:15:00.000Z&status=SUBMITTED',
        (i) =>
          i.status === 'SUBMITTED' &&
          i.createdAt >= '2026-10-31T22:30:00.000Z' &&
          i.createdAt <= '2026-11-01T09:15:00.000Z',
      ],
    ];
    for (const [query, keep] of checks) {
      const result = await listIntents(appId, parseListQuery(query));
      expect([query, result.total]).toEqual([query, intents.filter(keep).length]);
    }
  }, 120_000);
});
