// One watchdog run: retry what a retry can fix (intents stuck without a platform order, on adapters that look their
// order up first), then count what is still stuck as the StuckProcessingIntents metric. A retried intent that got
// its order was updated just now, so it no longer counts; one that failed again does, and the alarm fires.
import type { ConsumerDeps, PipelineLog } from './consumer';
import { retryStuck } from './retry';
import { findStuck, type ListFn, type StuckReport } from './stuck';

export interface WatchdogDeps {
  consumer: ConsumerDeps;
  log: PipelineLog;
  appIds: () => Promise<string[]>;
  list: ListFn;
  limitMinutes: number;
  /** Retries per run (default 5: each may take the adapter's timeout, the run has two minutes). */
  retryLimit?: number;
  now?: () => number;
}

export interface WatchdogResult {
  report: StuckReport;
  retried: number;
  retryFailed: number;
}

export async function runWatchdog(deps: WatchdogDeps): Promise<WatchdogResult> {
  const now = (deps.now ?? Date.now)();
  const cutoff = new Date(now - deps.limitMinutes * 60_000).toISOString();
  const appIds = await deps.appIds();
  const retry = await retryStuck({
    consumer: deps.consumer,
    log: deps.log,
    appIds,
    list: deps.list,
    cutoff,
    limit: deps.retryLimit ?? 5,
  });
  const report = await findStuck(appIds, cutoff, deps.list);
  return { report, retried: retry.retried, retryFailed: retry.failed };
}
