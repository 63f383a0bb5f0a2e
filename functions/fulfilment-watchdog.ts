// Scheduled (every 15 minutes): counts intents stuck in PROCESSING longer than STUCK_PROCESSING_MINUTES (default 60)
// and publishes the count as the StuckProcessingIntents metric (alarm on > 0). One list query per app.
import { listApps } from '../shared/apps/registry';
import { config } from '../shared/config';
import { findStuck, stuckMetric } from '../shared/fulfilment/stuck';
import { logger } from '../shared/logger';
import { listIntents } from '../shared/store/listing';

const LIMIT_MINUTES = config.stuckProcessingMinutes();

export async function handler(): Promise<{ stuck: number }> {
  logger.resetKeys(); // each run starts with clean keys, as every other background function does
  const now = Date.now();
  const cutoff = new Date(now - LIMIT_MINUTES * 60_000).toISOString();
  const apps = await listApps();
  const report = await findStuck(
    apps.map((a) => a.appId),
    cutoff,
    (appId, query) => listIntents(appId, query),
  );
  logger.info('stuck PROCESSING intents', {
    ...stuckMetric(report, now),
    limitMinutes: LIMIT_MINUTES,
    apps: report.apps,
  });
  return { stuck: report.total };
}
