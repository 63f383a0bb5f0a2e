// The sandbox adapter (the local default): deterministic outcomes by the product id's last digits (API reference: Lifecycle).
// Price consistency follows the operators' rule: a product ending in 402 "now costs" 10% more than submitted, and the
// order completes only if that is within the app's price tolerance (default 5%: FAILED PRICE_CHANGED 商品价格变动, as
// the contract says; an app whose operators allow 10% or more gets it COMPLETED).
import { createHash } from 'node:crypto';
import type { Intent } from '../domain/intent';
import { DEFAULT_PRICE_TOLERANCE_PERCENT, withinTolerance } from '../domain/price-tolerance';
import { productIdOf } from '../domain/product-url';
import type { FulfilmentAdapter, FulfilmentOutcome } from './adapter';

const FAILURES: Record<string, { failureCode: string; failureReason: string }> = {
  '404': { failureCode: 'PRODUCT_UNAVAILABLE', failureReason: '商品已下架' },
  '409': { failureCode: 'OUT_OF_STOCK', failureReason: '库存不足' },
};

/** The price-moved product's simulated rise, in percent of the submitted price. */
export const SANDBOX_PRICE_RISE_PERCENT = 10;

/** The sandbox's "current price" of a product: 10% above the submitted one for ids ending in 402, else unchanged. */
export function sandboxCurrentPriceFen(productId: string, priceFen: number): number {
  return productId.endsWith('402') ? Math.ceil((priceFen * (100 + SANDBOX_PRICE_RISE_PERCENT)) / 100) : priceFen;
}

const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '京东物流'];

export interface SandboxOptions {
  /** How long "placing the order" takes, so PROCESSING is observable. */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The app's price tolerance in percent (the registry's, in the consumer); the default when absent. */
  priceToleranceOf?: (appId: string) => Promise<number>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Same intent, same order: ids derive from the intent id, which keeps the adapter idempotent under redelivery. */
function orderFor(intent: Intent): FulfilmentOutcome {
  const digest = createHash('sha256').update(intent.id).digest();
  const digits = (offset: number, length: number) =>
    Array.from(digest.subarray(offset, offset + length), (b) => String(b % 10)).join('');
  return {
    kind: 'completed',
    orderId: `SBX${digits(0, 16)}`,
    trackingNumber: `SF${digits(16, 12)}`,
    trackingCompany: CARRIERS[digest[28]! % CARRIERS.length]!,
  };
}

export function sandboxAdapter(options: SandboxOptions = {}): FulfilmentAdapter {
  const delayMs = options.delayMs ?? 0;
  const sleep = options.sleep ?? defaultSleep;
  return {
    name: 'sandbox',
    async fulfil(intent) {
      if (delayMs > 0) await sleep(delayMs);
      const productId = productIdOf(intent.platform, intent.productUrl) ?? '';
      const failure = FAILURES[productId.slice(-3)];
      if (failure) return { kind: 'failed', ...failure };
      const current = sandboxCurrentPriceFen(productId, intent.priceFen);
      if (current !== intent.priceFen) {
        const tolerance = (await options.priceToleranceOf?.(intent.appId)) ?? DEFAULT_PRICE_TOLERANCE_PERCENT;
        if (!withinTolerance(intent.priceFen, current, tolerance))
          return { kind: 'failed', failureCode: 'PRICE_CHANGED', failureReason: '商品价格变动' };
      }
      return orderFor(intent);
    },
  };
}
