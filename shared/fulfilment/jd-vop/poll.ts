// One run of the JD poller (every minute on AWS, every few seconds locally): apply VOP's messages, publish the
// account balance, and redrive JD intents that have sat in PROCESSING without a JD order (a submit whose answer
// was lost, VOP down longer than the stream retried, an unreadable answer) through the consumer's own path, which
// looks the order up by thirdOrder before anything else.
import { parseListQuery } from '../../schemas/list-query';
import { intentIdOfPlatformOrder } from '../../store/platform-orders';
import { type ConsumerDeps, fulfil, type PipelineLog } from '../consumer';
import { intentsFulfilmentStore } from '../store';
import type { ListFn } from '../stuck';
import { addTracking } from '../tracking';
import type { VopApi } from './api';
import { balanceMetric, type PollReport, type ProgressStore, pollMessages } from './progress';

export interface JdPollDeps {
  api: () => Promise<VopApi>;
  log: PipelineLog & { info: PipelineLog['info'] };
  progress: ProgressStore;
  /** The consumer's dependencies, for the redrive. */
  consumer: ConsumerDeps;
  appIds: () => Promise<string[]>;
  list: ListFn;
  redriveAfterMinutes: number;
  now?: () => number;
}

export interface JdPollResult {
  messages: PollReport;
  balanceYuan?: number;
  redriven: number;
}

export function redriveQueryString(cutoff: string): string {
  return `status=PROCESSING&platform=JD&filter[updatedAt][lte]=${encodeURIComponent(cutoff)}&sortBy=updatedAt&order=asc&pageSize=20&fields=id`;
}

async function redrive(deps: JdPollDeps, now: number): Promise<number> {
  const query = parseListQuery(redriveQueryString(new Date(now - deps.redriveAfterMinutes * 60_000).toISOString()));
  let redriven = 0;
  for (const appId of await deps.appIds()) {
    const { items } = await deps.list(appId, query);
    for (const item of items) {
      const intent = await deps.consumer.store.current(String(item.id));
      // Placed already: delivery messages finish it. Only intents without a JD order go round again.
      if (intent?.status !== 'PROCESSING' || intent.orderId) continue;
      deps.log.info('jd-vop redrive', { intentId: intent.id });
      await fulfil(intent, deps.consumer);
      redriven += 1;
    }
  }
  return redriven;
}

export async function runJdPoll(deps: JdPollDeps): Promise<JdPollResult> {
  const now = (deps.now ?? Date.now)();
  const api = await deps.api();
  const messages = await pollMessages(api, deps.progress, deps.log, deps.now);
  let balanceYuan: number | undefined;
  try {
    balanceYuan = await api.balance();
    deps.log.info('jd-vop balance', { ...balanceMetric(balanceYuan, now) });
  } catch (error) {
    // A missing datapoint alarms too (the alarm treats missing data as breaching).
    deps.log.warn('jd-vop balance unavailable', { error: error as Error });
  }
  const redriven = await redrive(deps, now);
  return { messages, balanceYuan, redriven };
}

/** The progress store on the intents table: the fulfilment store's conditional transitions plus the order index. */
export function tableProgressStore(): ProgressStore {
  const store = intentsFulfilmentStore();
  return {
    intentIdOfOrder: (orderId) => intentIdOfPlatformOrder('JD', orderId),
    current: store.current,
    complete: store.complete,
    fail: store.fail,
    // The shared tracking path: a history event and an `intent.tracking_updated` webhook, once per waybill.
    recordTracking: (id, tracking) => addTracking(id, tracking, 'system'),
  };
}
