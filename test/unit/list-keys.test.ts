// Listing keys and counters as pure functions: what the intents store writes in every transaction.
import { describe, expect, it } from 'vitest';
import type { Intent } from '../../shared/domain/intent';
import { parseListQuery } from '../../shared/schemas/list-query';
import { coverRange } from '../../shared/store/listing-count';
import { counterUpdates, LISTING_INDEXES, listingAttributes } from '../../shared/store/listing-keys';
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
  it('keys every index by app and equality values, sorted by value then id', () => {
    const a = listingAttributes(intent);
    expect(Object.keys(a)).toHaveLength(LISTING_INDEXES.length * 2);
    expect(a.gsi1pk).toBe('app_1#ALL');
    expect(a.gsi8pk).toBe('app_1#U#user_1#S#SUBMITTED#P#JD');
    expect(a.gsi1sk).toBe(`2026-10-31T23:59:59.999Z#${intent.id}`);
    expect(a.gsi9sk).toBe(`2026-11-01T08:00:00.000Z#${intent.id}`);
    expect(a.gsi10sk).toBe(`000000001999#${intent.id}`);
  });
});

describe('counterUpdates', () => {
  const deltas = (updates: ReturnType<typeof counterUpdates>) =>
    Object.fromEntries(
      updates.map((u) => [`${u.Update.Key.pk}|${u.Update.Key.sk}`, u.Update.ExpressionAttributeValues[':d']]),
    );

  it('adds one to 8 scopes × 4 buckets on create and takes them away on delete', () => {
    const created = counterUpdates(null, intent, 'T');
    expect(created).toHaveLength(32);
    expect(Object.values(deltas(created)).every((d) => d === 1)).toBe(true);
    expect(deltas(created)['COUNT#app_1#ALL|H#2026-10-31T23']).toBe(1);
    expect(Object.values(deltas(counterUpdates(intent, null, 'T'))).every((d) => d === -1)).toBe(true);
  });

  it('nets a status change to the status scopes only, each item once', () => {
    const updates = counterUpdates(intent, { ...intent, status: 'CANCELLED', updatedAt: 'x', version: 2 }, 'T');
    const keys = updates.map((u) => `${u.Update.Key.pk}|${u.Update.Key.sk}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(updates).toHaveLength(32);
    expect(keys.every((k) => k.includes('#S#'))).toBe(true);
    expect(deltas(updates)['COUNT#app_1#S#CANCELLED|ALL']).toBe(1);
    expect(deltas(updates)['COUNT#app_1#S#SUBMITTED|ALL']).toBe(-1);
  });

  it('moves every scope but the app-wide one when userId, status and platform all change', () => {
    const changed: Intent = { ...intent, userId: 'user_2', status: 'DRAFT', platform: 'TAOBAO', version: 2 };
    const d = deltas(counterUpdates(intent, changed, 'T'));
    expect(Object.keys(d)).toHaveLength(56);
    expect(d['COUNT#app_1#U#user_1#S#SUBMITTED#P#JD|ALL']).toBe(-1);
    expect(d['COUNT#app_1#U#user_2#S#DRAFT#P#TAOBAO|ALL']).toBe(1);
    expect(d['COUNT#app_1#ALL|ALL']).toBeUndefined();
  });

  it('writes nothing when no counted field changes', () => {
    expect(counterUpdates(intent, { ...intent, title: 'new', version: 2 }, 'T')).toEqual([]);
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

  it('knows contradictory filters are empty without reading', () => {
    expect(planList(parseListQuery('status=DRAFT&filter[status]=FAILED')).empty).toBe(true);
  });
});
