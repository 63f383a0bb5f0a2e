// The JD adapter: places a JD intent through VOP. Exactly one JD order per intent: every attempt, first or retried
// (stream redelivery, the poller's redrive), starts by looking the order up by thirdOrder = the intent id, and only
// submits when VOP has none. Stock is reserved on submit and confirmed after; the intent's price goes along as the
// price snapshot, so JD itself refuses an order whose price moved.
import type { Intent } from '../../domain/intent';
import { productIdOf } from '../../domain/product-url';
import type { FulfilmentAdapter, FulfilmentOutcome, VoidOutcome } from '../adapter';
import type { PipelineLog } from '../consumer';
import { failureOf } from '../failure-codes';
import type { VopApi } from './api';
import { VopMalformed, VopRefusal, VopUnavailable } from './errors';
import { classifyRefusal } from './outcomes';
import { yuan } from './protocol';

export interface JdVopAdapterOptions {
  /** Resolves the API once settings are loaded (Secrets Manager on AWS): the adapter is built before that. */
  api: () => Promise<VopApi>;
  log: PipelineLog;
  /** Attempts per fulfil call on transport failures; each starts with the lookup. */
  attempts?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function settleExisting(api: VopApi, jdOrderId: string): Promise<FulfilmentOutcome> {
  const order = await api.order(jdOrderId);
  // JD cancels a reservation that was never confirmed; the intent cannot be completed by that order.
  if (!order.valid) return { kind: 'failed', ...failureOf('ORDER_CANCELLED_BY_PLATFORM') };
  if (!order.confirmed) await api.confirm(jdOrderId);
  return { kind: 'placed', orderId: jdOrderId };
}

async function place(api: VopApi, intent: Intent): Promise<FulfilmentOutcome> {
  const existing = await api.jdOrderIdByThirdOrder(intent.id);
  if (existing) return settleExisting(api, existing);
  const skuId = productIdOf('JD', intent.productUrl);
  if (!skuId) return { kind: 'failed', ...failureOf('PRODUCT_UNAVAILABLE') };
  const area = await api.area(intent.address);
  const submitted = await api.submit({
    thirdOrder: intent.id,
    skuId,
    quantity: intent.quantity,
    priceYuan: yuan(intent.priceFen),
    name: intent.recipientName,
    mobile: intent.phone,
    address: intent.address,
    area,
  });
  // 重复提交: another attempt placed it meanwhile; settle that one (confirmed already, or cancelled).
  if (submitted.existing) return settleExisting(api, submitted.jdOrderId);
  await api.confirm(submitted.jdOrderId);
  return { kind: 'placed', orderId: submitted.jdOrderId };
}

export function jdVopAdapter(options: JdVopAdapterOptions): FulfilmentAdapter {
  const { log } = options;
  const attempts = options.attempts ?? 2;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? defaultSleep;

  return {
    name: 'jd-vop',
    retriesSafely: true,
    async fulfil(intent) {
      const api = await options.api();
      for (let attempt = 1; ; attempt++) {
        try {
          const outcome = await place(api, intent);
          log.info('jd-vop outcome', {
            intentId: intent.id,
            outcome: outcome.kind,
            ...('orderId' in outcome ? { jdOrderId: outcome.orderId } : {}),
          });
          return outcome;
        } catch (error) {
          if (error instanceof VopUnavailable) {
            // Thrown on: the record is retried later, and that attempt looks the order up first too.
            if (attempt >= attempts) throw error;
            log.warn('jd-vop unavailable; retrying after looking the order up', {
              intentId: intent.id,
              method: error.method,
              throttled: error.throttled,
            });
            await sleep(backoffMs * 2 ** (attempt - 1));
            continue;
          }
          if (error instanceof VopRefusal) {
            const refusal = classifyRefusal(error.resultCode);
            log[refusal.kind === 'business' ? 'info' : 'error']('jd-vop refusal', {
              intentId: intent.id,
              method: error.method,
              resultCode: error.resultCode,
              class: refusal.kind,
            });
            if (refusal.kind === 'business')
              return { kind: 'failed', failureCode: refusal.failureCode, failureReason: refusal.failureReason };
            // Our balance, or a code nobody has mapped: left PROCESSING for people (stuck alarm, balance alarm).
            return { kind: 'pending' };
          }
          if (error instanceof VopMalformed) {
            log.error('jd-vop answer unreadable; intent stays PROCESSING', {
              intentId: intent.id,
              method: error.method,
              reason: error.message,
            });
            return { kind: 'pending' };
          }
          throw error;
        }
      }
    },

    async void(intent): Promise<VoidOutcome> {
      const api = await options.api();
      const jdOrderId = intent.orderId ?? (await api.jdOrderIdByThirdOrder(intent.id));
      if (!jdOrderId) return { kind: 'none' };
      try {
        await api.cancel(jdOrderId);
        return { kind: 'cancelled', orderId: jdOrderId };
      } catch (error) {
        if (!(error instanceof VopRefusal)) throw error;
        // Cancelled already (a redelivered record, or JD's own cancel) counts as done.
        if (!(await api.order(jdOrderId)).valid) return { kind: 'cancelled', orderId: jdOrderId };
        return { kind: 'refused', orderId: jdOrderId, reason: `${error.resultCode} ${error.resultMessage}` };
      }
    },
  };
}
