import { describe, expect, it } from 'vitest';
import { findStuck, type ListFn, stuckMetric } from '../../shared/fulfilment/stuck';
import type { ListQuery } from '../../shared/schemas/list-query';

describe('stuck PROCESSING intents', () => {
  it('asks each app for PROCESSING intents not updated since the cutoff, oldest first, and adds them up', async () => {
    const asked: { appId: string; query: ListQuery }[] = [];
    const list: ListFn = async (appId, query) => {
      asked.push({ appId, query });
      return appId === 'app_b'
        ? { items: [{ id: 'intent_1' }, { id: 'intent_2' }], total: 7 }
        : { items: [], total: 0 };
    };
    const report = await findStuck(['app_a', 'app_b'], '2026-01-01T00:00:00.000Z', list, 2);
    expect(report).toEqual({
      cutoff: '2026-01-01T00:00:00.000Z',
      total: 7,
      apps: [{ appId: 'app_b', total: 7, oldest: ['intent_1', 'intent_2'] }],
    });
    expect(asked.map((a) => a.appId)).toEqual(['app_a', 'app_b']);
    // The list route's own parser accepted the query: what the metric counts, a partner can list.
    expect(asked[0]!.query).toMatchObject({
      sortBy: 'updatedAt',
      order: 'asc',
      pageSize: 2,
      conditions: [
        { field: 'status', op: 'eq', values: ['PROCESSING'] },
        { field: 'updatedAt', op: 'lte', values: ['2026-01-01T00:00:00.000Z'] },
      ],
    });
  });

  it('publishes the count as an embedded metric', () => {
    const line = stuckMetric({ cutoff: 'x', total: 3, apps: [] }, 1000);
    expect(line.StuckProcessingIntents).toBe(3);
    expect(line._aws.CloudWatchMetrics[0]!.Metrics[0]!.Name).toBe('StuckProcessingIntents');
  });
});
