// Retrying intents stuck in PROCESSING without a platform order: through the consumer's own step (`fulfil`), so a
// retry is exactly a redelivered stream record, lookup first. Used by the watchdog (intents past the stuck limit)
// and the JD poller (JD intents after a few minutes). Only adapters that say a retry is safe are retried: JD VOP
// looks its order up by thirdOrder before placing one; people (manual) and the sandbox are left to the alarm.
import { PLATFORMS, type Platform } from '../domain/intent';
import { parseListQuery } from '../schemas/list-query';
import { type ConsumerDeps, fulfil, type PipelineLog } from './consumer';
import type { ListFn } from './stuck';

export interface RetryDeps {
  consumer: ConsumerDeps;
  log: PipelineLog;
  appIds: string[];
  list: ListFn;
  /** Intents not updated since this instant (ISO) are retried. */
  cutoff: string;
  /** Narrows the platforms (the JD poller retries JD only); each must still have a retry-safe adapter. */
  platforms?: readonly Platform[];
  /** Retries per run, so a run stays well inside its function's timeout (each may take the adapter's timeout). */
  limit?: number;
}

export interface RetryReport {
  retried: number;
  /** Attempts that threw (platform unreachable, adapter timeout): the intent stays PROCESSING for the next run. */
  failed: number;
}

export function retryQueryString(platform: Platform, cutoff: string, pageSize: number): string {
  return `status=PROCESSING&platform=${platform}&filter[updatedAt][lte]=${encodeURIComponent(cutoff)}&sortBy=updatedAt&order=asc&pageSize=${pageSize}&fields=id`;
}

export async function retryStuck(deps: RetryDeps): Promise<RetryReport> {
  const limit = deps.limit ?? 20;
  const platforms = (deps.platforms ?? PLATFORMS).filter((p) => deps.consumer.adapterFor(p).retriesSafely);
  const report: RetryReport = { retried: 0, failed: 0 };
  for (const platform of platforms) {
    const query = parseListQuery(retryQueryString(platform, deps.cutoff, limit));
    for (const appId of deps.appIds) {
      const { items } = await deps.list(appId, query);
      for (const item of items) {
        if (report.retried + report.failed >= limit) return report;
        const intent = await deps.consumer.store.current(String(item.id));
        // Placed already: the platform's messages finish it. Only intents without an order go round again.
        if (intent?.status !== 'PROCESSING' || intent.orderId) continue;
        deps.log.info('fulfilment retried', { intentId: intent.id, platform });
        try {
          await fulfil(intent, deps.consumer);
          report.retried += 1;
        } catch (error) {
          deps.log.warn('fulfilment retry failed; the next run tries again', {
            intentId: intent.id,
            error: error as Error,
          });
          report.failed += 1;
        }
      }
    }
  }
  return report;
}
