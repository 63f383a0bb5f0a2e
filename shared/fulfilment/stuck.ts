// Intents stuck in PROCESSING past a limit: the adapter hung, the record went to the on-failure destination, or an
// operator forgot a manual order. The same query a partner or operator can run on the list route
// (`status=PROCESSING&filter[updatedAt][lte]=<cutoff>`), so what the metric counts is findable in the list.
import type { ListQuery } from '../schemas/list-query';
import { parseListQuery } from '../schemas/list-query';

export function stuckQueryString(cutoff: string, sample: number): string {
  return `status=PROCESSING&filter[updatedAt][lte]=${encodeURIComponent(cutoff)}&sortBy=updatedAt&order=asc&pageSize=${sample}&fields=id,updatedAt`;
}

export type ListFn = (appId: string, query: ListQuery) => Promise<{ items: Record<string, unknown>[]; total: number }>;

export interface StuckReport {
  cutoff: string;
  total: number;
  /** Per app with any stuck intent: how many, and the oldest few ids (for the log). */
  apps: { appId: string; total: number; oldest: string[] }[];
}

export async function findStuck(appIds: string[], cutoff: string, list: ListFn, sample = 5): Promise<StuckReport> {
  const query = parseListQuery(stuckQueryString(cutoff, sample));
  const apps: StuckReport['apps'] = [];
  for (const appId of appIds) {
    const { items, total } = await list(appId, query);
    if (total > 0) apps.push({ appId, total, oldest: items.map((i) => String(i.id)) });
  }
  return { cutoff, total: apps.reduce((sum, a) => sum + a.total, 0), apps };
}

/** A CloudWatch embedded-metric-format line: logging it is publishing the metric, no API call needed. */
export function stuckMetric(report: StuckReport, now: number) {
  return {
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        { Namespace: 'procure-core', Dimensions: [[]], Metrics: [{ Name: 'StuckProcessingIntents', Unit: 'Count' }] },
      ],
    },
    StuckProcessingIntents: report.total,
  };
}
