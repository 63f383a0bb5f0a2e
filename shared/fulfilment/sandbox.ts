// The sandbox adapter (the local default): deterministic outcomes by the product id's last digits (API reference: Lifecycle).
import { createHash } from 'node:crypto';
import type { Intent } from '../domain/intent';
import { productIdOf } from '../domain/product-url';
import type { FulfilmentAdapter, FulfilmentOutcome } from './adapter';

const FAILURES: Record<string, { failureCode: string; failureReason: string }> = {
  '404': { failureCode: 'PRODUCT_UNAVAILABLE', failureReason: '商品已下架' },
  '409': { failureCode: 'OUT_OF_STOCK', failureReason: '库存不足' },
  '402': { failureCode: 'PRICE_CHANGED', failureReason: '商品价格变动' },
};

const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '京东物流'];

export interface SandboxOptions {
  /** How long "placing the order" takes, so PROCESSING is observable. */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
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
      return failure ? { kind: 'failed', ...failure } : orderFor(intent);
    },
  };
}
