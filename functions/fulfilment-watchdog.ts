// Scheduled (every 15 minutes): retries intents stuck in PROCESSING longer than STUCK_PROCESSING_MINUTES (default 60)
// without a platform order, through the consumer's lookup-first step, then publishes how many are still stuck as the
// StuckProcessingIntents metric (alarm on > 0). shared/fulfilment/watchdog.ts says how.
import { listApps } from '../shared/apps/registry';
import { config } from '../shared/config';
import { consumerDepsFromEnv } from '../shared/fulfilment/consumer-deps';
import { stuckMetric } from '../shared/fulfilment/stuck';
import { runWatchdog } from '../shared/fulfilment/watchdog';
import { logger } from '../shared/logger';
import { once } from '../shared/once';
import { listIntents } from '../shared/store/listing';

// Built by the first run, when the adapters' configuration is read.
const consumer = once(() => consumerDepsFromEnv());

export async function handler(): Promise<{ stuck: number; retried: number }> {
  logger.resetKeys(); // each run starts with clean keys, as every other background function does
  const now = Date.now();
  const limitMinutes = config.stuckProcessingMinutes();
  const { report, retried, retryFailed } = await runWatchdog({
    consumer: consumer(),
    log: logger,
    appIds: async () => (await listApps()).map((a) => a.appId),
    list: (appId, query) => listIntents(appId, query),
    limitMinutes,
    now: () => now,
  });
  logger.info('stuck PROCESSING intents', {
    ...stuckMetric(report, now),
    limitMinutes,
    retried,
    retryFailed,
    apps: report.apps,
  });
  return { stuck: report.total, retried };
}
