// Delivery progress from VOP's message queue: a parcel leaving (配送单生成) puts its carrier and waybill on the
// intent, delivery (妥投) completes it, a refusal (拒收) or JD's own cancel fails it. A message is deleted only once
// applied, and applying one twice changes nothing (every write is conditional on PROCESSING and compares first).
import type { Intent } from '../../domain/intent';
import type { Order, Tracking } from '../../domain/lifecycle';
import type { PipelineLog } from '../consumer';
import { failureOf } from '../failure-codes';
import type { VopApi, VopMessage } from './api';
import { MESSAGE_TYPES } from './protocol';

export interface ProgressStore {
  intentIdOfOrder(orderId: string): Promise<string | undefined>;
  current(intentId: string): Promise<Intent | undefined>;
  recordTracking(intentId: string, tracking: Tracking): Promise<Intent | undefined>;
  complete(intentId: string, order: Order): Promise<Intent | undefined>;
  fail(intentId: string, failure: { failureCode: string; failureReason: string }): Promise<Intent | undefined>;
}

export interface PollReport {
  read: number;
  applied: number;
  /** Left in VOP's queue for the next poll (the apply failed, or no intent knows the order yet). */
  kept: number;
}

/** A message about an order no intent knows is kept this long (the index may be a moment behind), then dropped. */
const UNKNOWN_ORDER_GRACE_MS = 24 * 3600_000;

/** VOP's `yyyy-MM-dd HH:mm:ss` (China time) as epoch ms, or undefined. */
function messageTime(text: string | undefined): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text ?? '');
  return m ? Date.parse(`${m[1]}T${m[2]}+08:00`) : undefined;
}

async function intentOf(msg: VopMessage, api: VopApi, store: ProgressStore): Promise<string | undefined> {
  const orderId = msg.orderId!;
  const direct = await store.intentIdOfOrder(orderId);
  if (direct) return direct;
  // A split order's children report under their own ids; the index holds the parent's.
  const parentId = (await api.order(orderId)).parentId;
  return parentId ? store.intentIdOfOrder(parentId) : undefined;
}

async function trackingOf(intent: Intent, orderId: string, api: VopApi): Promise<Tracking | undefined> {
  if (intent.trackingNumber && intent.trackingCompany)
    return { trackingNumber: intent.trackingNumber, trackingCompany: intent.trackingCompany };
  const waybill = await api.waybill(orderId);
  return waybill ? { trackingNumber: waybill.deliveryOrderId, trackingCompany: waybill.carrier } : undefined;
}

type Applied = 'applied' | 'unknown-order';

async function apply(msg: VopMessage, api: VopApi, store: ProgressStore, log: PipelineLog): Promise<Applied> {
  if (!msg.orderId) return 'applied';
  const intentId = await intentOf(msg, api, store);
  if (!intentId) return 'unknown-order';
  const intent = await store.current(intentId);
  // Already completed, failed or cancelled (a message applied before, or the partner's cancel): nothing to do.
  if (intent?.status !== 'PROCESSING') return 'applied';
  const orderId = intent.orderId ?? msg.orderId;
  switch (msg.type) {
    case MESSAGE_TYPES.SHIPPED: {
      const tracking = await trackingOf(intent, orderId, api);
      if (tracking && tracking.trackingNumber !== intent.trackingNumber) await store.recordTracking(intentId, tracking);
      break;
    }
    case MESSAGE_TYPES.DELIVERY: {
      if (msg.state === 2) await store.fail(intentId, failureOf('DELIVERY_REFUSED'));
      else if (msg.state === 1)
        await store.complete(intentId, { orderId, ...(await trackingOf(intent, orderId, api)) });
      break;
    }
    case MESSAGE_TYPES.ORDER_CANCELLED:
    case MESSAGE_TYPES.AUTO_CANCELLED:
      await store.fail(intentId, failureOf('ORDER_CANCELLED_BY_PLATFORM'));
      break;
  }
  log.info('jd-vop message applied', { intentId, messageType: msg.type, jdOrderId: msg.orderId });
  return 'applied';
}

export async function pollMessages(
  api: VopApi,
  store: ProgressStore,
  log: PipelineLog,
  now: () => number = Date.now,
): Promise<PollReport> {
  const messages = await api.messages();
  const report: PollReport = { read: messages.length, applied: 0, kept: 0 };
  for (const msg of messages) {
    try {
      const result = await apply(msg, api, store, log);
      if (result === 'unknown-order') {
        const at = messageTime(msg.time);
        if (at === undefined || now() - at < UNKNOWN_ORDER_GRACE_MS) {
          report.kept += 1;
          continue;
        }
        log.warn('jd-vop message for an order no intent placed; dropped', {
          messageType: msg.type,
          jdOrderId: msg.orderId,
        });
      }
      await api.deleteMessage(msg.id);
      report.applied += 1;
    } catch (error) {
      // Kept in VOP's queue: the next poll applies it again, which the conditional writes make harmless.
      log.warn('jd-vop message kept for the next poll', { messageId: msg.id, error: error as Error });
      report.kept += 1;
    }
  }
  return report;
}

/** A CloudWatch embedded-metric-format line for the account balance (alarm below the configured threshold). */
export function balanceMetric(balanceYuan: number, now: number) {
  return {
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        { Namespace: 'procure-core', Dimensions: [[]], Metrics: [{ Name: 'JdVopBalanceYuan', Unit: 'None' }] },
      ],
    },
    JdVopBalanceYuan: balanceYuan,
  };
}
