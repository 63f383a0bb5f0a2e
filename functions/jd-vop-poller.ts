// Scheduled (every minute when JD is on jd-vop): applies VOP's messages to JD intents, publishes the account balance
// as JdVopBalanceYuan (alarm below the configured threshold) and redrives JD intents stuck without a JD order.
import { listApps } from '../shared/apps/registry';
import { config } from '../shared/config';
import { consumerDepsFromEnv } from '../shared/fulfilment/consumer-deps';
import { vopApiFromEnv } from '../shared/fulfilment/jd-vop';
import { runJdPoll, tableProgressStore } from '../shared/fulfilment/jd-vop/poll';
import { logger } from '../shared/logger';
import { listIntents } from '../shared/store/listing';

/** Shared with the local runtime's poller loop. */
export const consumer = consumerDepsFromEnv();
const progress = tableProgressStore();
const REDRIVE_MINUTES = config.jdVopRedriveMinutes();

export async function handler() {
  logger.resetKeys();
  const result = await runJdPoll({
    api: () => vopApiFromEnv(),
    log: logger,
    progress,
    consumer,
    appIds: async () => (await listApps()).map((a) => a.appId),
    list: (appId, query) => listIntents(appId, query),
    redriveAfterMinutes: REDRIVE_MINUTES,
  });
  logger.info('jd-vop poll', { messages: result.messages, redriven: result.redriven });
  return result;
}
