// Scheduled (every minute when JD is on jd-vop): applies VOP's messages to JD intents, publishes the account balance
// as JdVopBalanceYuan (alarm below the configured threshold) and redrives JD intents stuck without a JD order.
import { listApps } from '../shared/apps/registry';
import { config } from '../shared/config';
import { consumerDepsFromEnv } from '../shared/fulfilment/consumer-deps';
import { vopApiFromEnv } from '../shared/fulfilment/jd-vop';
import { runJdPoll, tableProgressStore } from '../shared/fulfilment/jd-vop/poll';
import { logger } from '../shared/logger';
import { once } from '../shared/once';
import { listIntents } from '../shared/store/listing';

/** Shared with the local runtime's poller loop; built by the first poll, when the adapters' configuration is read. */
export const consumer = once(() => consumerDepsFromEnv());
const progress = tableProgressStore();

export async function handler() {
  logger.resetKeys();
  const result = await runJdPoll({
    api: () => vopApiFromEnv(),
    log: logger,
    progress,
    consumer: consumer(),
    appIds: async () => (await listApps()).map((a) => a.appId),
    list: (appId, query) => listIntents(appId, query),
    redriveAfterMinutes: config.jdVopRedriveMinutes(),
  });
  logger.info('jd-vop poll', { messages: result.messages, redriven: result.redriven });
  return result;
}
