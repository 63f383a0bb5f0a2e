// What partners see of an intent: money in yuan, the phone masked, server-internal fields (appId, version) left
// out, and absent values omitted rather than null.
import type { Intent, IntentEvent } from './intent';
import { statusMessage } from './lifecycle';
import { fenToYuan } from './money';

/** `13800138000` → `138****8000`. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}

// A plain copying loop: Object.entries/filter/fromEntries made an array per field on every read of an intent.
function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  const kept: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) kept[key] = value[key];
  return kept as T;
}

export function publicIntent(intent: Intent) {
  return withoutUndefined({
    id: intent.id,
    userId: intent.userId,
    platform: intent.platform,
    productUrl: intent.productUrl,
    title: intent.title,
    price: fenToYuan(intent.priceFen),
    quantity: intent.quantity,
    totalAmount: fenToYuan(intent.totalAmountFen),
    recipientName: intent.recipientName,
    address: intent.address,
    phone: maskPhone(intent.phone),
    remarks: intent.remarks,
    status: intent.status,
    statusMessage: statusMessage(intent.status),
    failureCode: intent.failureCode,
    failureReason: intent.failureReason,
    orderId: intent.orderId,
    trackingNumber: intent.trackingNumber,
    trackingCompany: intent.trackingCompany,
    createdAt: intent.createdAt,
    updatedAt: intent.updatedAt,
    submittedAt: intent.submittedAt,
    completedAt: intent.completedAt,
    cancelledAt: intent.cancelledAt,
  });
}

/** The create route's answer (API reference: Routes). */
export function createdIntent(intent: Intent) {
  const { id, userId, platform, status, createdAt, updatedAt } = intent;
  return { id, userId, platform, status, createdAt, updatedAt };
}

export function publicEvent(event: IntentEvent) {
  return withoutUndefined({
    actor: event.actor,
    from: event.from,
    to: event.to,
    at: event.at,
    trackingCompany: event.trackingCompany,
    trackingNumber: event.trackingNumber,
  });
}
