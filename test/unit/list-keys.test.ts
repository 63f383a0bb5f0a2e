// Listing keys and counters as pure functions: what the intents store writes and the counters' stream consumer adds.
import { describe, expect, it } from 'vitest';
import type { Intent } from '../../shared/domain/intent';
import { parseListQuery } from '../../shared/schemas/list-query';
import { coverRange } from '../../shared/store/listing-count';
import { type CounterDelta, counterDeltas, listingAttributes } from '../../shared/store/listing-keys';
import { planList } from '../../shared/store/listing-plan';

const intent: Intent = {
  id: 'intent_01JABCDEFGHJKMNPQRSTVWXYZ0',
  appId: 'app_1',
  userId: 'user_1',
  platform: 'JD',
  productUrl: 'https://item.jd.com/1.html',
  title: 't',
  priceFen: 1999,
  quantity: 3,
  totalAmountFen: 5997,
  recipientName: '张三',
  address: '上海市浦东新区',
  phone: '13800138000',
  status: 'SUBMITTED',
  createdAt: '2026-10-31T23:59:59.999Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  version: 1,
};

describe('listingAttributes', () => {
  it('keys every index by app and equality values, sorted by value then id, equal keys in one attribute', () => {
    const a = listingAttributes(intent);
    expect(Object.keys(a).sort()).toEqual(
      ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi3pk', 'gsi5pk', 'gsi7pk', 'gsi8pk', 'gsi9sk', 'gsi10sk'].sort(),
    );
    expect(a.gsi1pk).toBe('app_1#ALL');
    expect(a.gsi8pk).toBe('app_1#U#user_1#S#SUBMITTED#P#JD');
    expect(a.gsi1sk).toBe('2026-10-31T23:59:59.999Z#01JABCDEFGHJKMNPQRSTVWXYZ0');
    expect(a.gsi9sk).toBe('2026-11-01T08:00:00.000Z#01JABCDEFGHJKMNPQRSTVWXYZ0');
    expect(a.gsi10sk).toBe('000000001999#01JABCDEFGHJKMNPQRSTVWXYZ0');
  });
});

describe('counterDeltas', () => {
  const deltas = (updates: CounterDelta[]) =>
    Object.fromEntries(updates.map((u) => [`${u.pk}|${u.attribute}`, u.delta]));
  const items = (updates: CounterDelta[]) => new Set(updates.map((u) => `${u.pk}|${u.sk}`));

  it('adds one to 8 scopes × 4 buckets on create, kept in 2 items per scope, and takes them away on delete', () => {
    const created = counterDeltas(null, intent);
    expect(created).toHaveLength(32);
    expect(items(created).size).toBe(16);
    // The total and the month in the scope's whole-history item, the day and the hour in the day's item.
    expect(created.filter((u) => u.pk === 'COUNT#app_1#ALL').map((u) => [u.sk, u.attribute])).toEqual([
      ['ALL', 'ALL'],
      ['ALL', 'M#2026-10'],
      ['D#2026-10-31', 'D#2026-10-31'],
      ['D#2026-10-31', 'H#2026-10-31T23'],
    ]);
    expect(Object.values(deltas(created)).every((d) => d === 1)).toBe(true);
    expect(deltas(created)['COUNT#app_1#ALL|H#2026-10-31T23']).toBe(1);
    expect(Object.values(deltas(counterDeltas(intent, null))).every((d) => d === -1)).toBe(true);
  });

  it('nets a status change to the status scopes only, each item once', () => {
    const updates = counterDeltas(intent, { ...intent, status: 'CANCELLED', updatedAt: 'x', version: 2 });
    const keys = updates.map((u) => `${u.pk}|${u.attribute}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(updates).toHaveLength(32);
    expect(items(updates).size).toBe(16);
    expect(keys.every((k) => k.includes('#S#'))).toBe(true);
    expect(deltas(updates)['COUNT#app_1#S#CANCELLED|ALL']).toBe(1);
    expect(deltas(updates)['COUNT#app_1#S#SUBMITTED|ALL']).toBe(-1);
  });

  it('moves every scope but the app-wide one when userId, status and platform all change', () => {
    const changed: Intent = { ...intent, userId: 'user_2', status: 'DRAFT', platform: 'TAOBAO', version: 2 };
    const d = deltas(counterDeltas(intent, changed));
    expect(Object.keys(d)).toHaveLength(56);
    expect(d['COUNT#app_1#U#user_1#S#SUBMITTED#P#JD|ALL']).toBe(-1);
    expect(d['COUNT#app_1#U#user_2#S#DRAFT#P#TAOBAO|ALL']).toBe(1);
    expect(d['COUNT#app_1#ALL|ALL']).toBeUndefined();
  });

  it('moves nothing when no counted field changes', () => {
    expect(counterDeltas(intent, { ...intent, title: 'new', version: 2 })).toEqual([]);
  });
});

describe('coverRange', () => {
  it('uses whole months, days and hours and at most two sub-hour slices', () => {
    const cover = coverRange(Date.parse('2026-08-30T22:30:00.000Z'), Date.parse('2026-11-02T01:15:00.000Z'));
    expect(cover.buckets).toEqual([
      'H#2026-08-30T23',
      'D#2026-08-31',
      'M#2026-09',
      'M#2026-10',
      'D#2026-11-01',
      'H#2026-11-02T00',
    ]);
    expect(cover.slices).toEqual([
      { from: '2026-08-30T22:30:00.000Z', to: '2026-08-30T22:59:59.999Z' },
      { from: '2026-11-02T01:00:00.000Z', to: '2026-11-02T01:15:00.000Z' },
    ]);
  });
});

describe('planList', () => {
  it('reads the exact index for every userId/status/platform combination', () => {
    const plan = planList(parseListQuery('userId=u&status=DRAFT&platform=JD'));
    expect([plan.path, plan.index.indexName, plan.scopes]).toEqual([
      'direct',
      'gsi8',
      [{ userId: 'u', status: 'DRAFT', platform: 'JD' }],
    ]);
  });

  it('merges one partition per status of an in-list and keeps the range as a key condition', () => {
    const plan = planList(parseListQuery('filter[status][in]=DRAFT,FAILED&startDate=2026-01-01'));
    expect(plan.path).toBe('direct');
    expect(plan.scopes).toEqual([{ status: 'DRAFT' }, { status: 'FAILED' }]);
    expect(plan.createdFrom).toBe('2026-01-01T00:00:00.000Z');
  });

  it('falls back to a filtered read where no index serves the query', () => {
    expect(planList(parseListQuery('sortBy=price&status=DRAFT')).path).toBe('filtered');
    expect(planList(parseListQuery('filter[title][like]=x')).path).toBe('filtered');
    expect(planList(parseListQuery('sortBy=price')).index.indexName).toBe('gsi10');
  });

  it('reads platform filters without a status through the status + platform index, counting the filter itself', () => {
    const plan = planList(parseListQuery('platform=JD'));
    expect([plan.path, plan.index.indexName]).toEqual(['direct', 'gsi7']);
    expect(plan.scopes).toHaveLength(6);
    expect(plan.scopes).toContainEqual({ platform: 'JD', status: 'DRAFT' });
    expect(plan.countScopes).toEqual([{ platform: 'JD' }]);
    const mine = planList(parseListQuery('userId=u&filter[platform][in]=JD,PDD'));
    expect([mine.index.indexName, mine.scopes.length, mine.countScopes.length]).toEqual(['gsi8', 12, 2]);
    const wide = planList(parseListQuery('filter[userId][in]=a,b&filter[platform][in]=JD,PDD'));
    expect([wide.path, wide.index.indexName, wide.scopes]).toEqual([
      'filtered',
      'gsi2',
      [{ userId: 'a' }, { userId: 'b' }],
    ]);
  });

  it('knows contradictory filters are empty without reading', () => {
    expect(planList(parseListQuery('status=DRAFT&filter[status]=FAILED')).empty).toBe(true);
  });
});
