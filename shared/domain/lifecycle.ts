// The intent's status state machine: which operations each status allows (the documents' table) and the
// system-driven fulfilment steps. Every change returns a new intent one version up; nothing here touches storage.
import { ApiError } from '../http/errors';
import type { Intent, IntentStatus } from './intent';

export const OPERATIONS = [
  'query',
  'update',
  'delete',
  'submit',
  'cancel',
  'process',
  'complete',
  'fail',
  'track',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * Partner operations from the documents, plus the system's fulfilment steps (process, complete, fail) and `track`:
 * a carrier and waybill may arrive while the order is under way (JD ships before it reports delivery) or after an
 * operator completed it without one.
 */
const ALLOWED: Record<IntentStatus, readonly Operation[]> = {
  DRAFT: ['query', 'update', 'delete', 'submit'],
  SUBMITTED: ['query', 'cancel', 'process'],
  PROCESSING: ['query', 'cancel', 'complete', 'fail', 'track'],
  COMPLETED: ['query', 'track'],
  FAILED: ['query', 'delete'],
  CANCELLED: ['query', 'delete'],
};

export const STATUS_MESSAGES: Record<IntentStatus, string> = {
  DRAFT: '草稿,尚未提交',
  SUBMITTED: '已提交,等待处理',
  PROCESSING: '正在处理采购订单',
  COMPLETED: '采购订单已完成',
  FAILED: '采购失败',
  CANCELLED: '已取消',
};

export function statusMessage(status: IntentStatus): string {
  return STATUS_MESSAGES[status];
}

export function isAllowed(status: IntentStatus, operation: Operation): boolean {
  return ALLOWED[status].includes(operation);
}

export function assertAllowed(intent: Intent, operation: Operation): void {
  if (!isAllowed(intent.status, operation))
    throw new ApiError('STATUS_CONFLICT', { reason: `${operation} not allowed in ${intent.status}` });
}

/** The same intent one version on, touched at `now`. */
export function touched(intent: Intent, now: string, changes: Partial<Intent>): Intent {
  return { ...intent, ...changes, updatedAt: now, version: intent.version + 1 };
}

export function submit(intent: Intent, now: string): Intent {
  assertAllowed(intent, 'submit');
  return touched(intent, now, { status: 'SUBMITTED', submittedAt: now });
}

export function cancel(intent: Intent, now: string): Intent {
  assertAllowed(intent, 'cancel');
  return touched(intent, now, { status: 'CANCELLED', cancelledAt: now });
}

export function startProcessing(intent: Intent, now: string): Intent {
  assertAllowed(intent, 'process');
  return touched(intent, now, { status: 'PROCESSING' });
}

export interface Order {
  orderId: string;
  trackingNumber?: string;
  trackingCompany?: string;
}

export function complete(intent: Intent, order: Order, now: string): Intent {
  assertAllowed(intent, 'complete');
  return touched(intent, now, { status: 'COMPLETED', completedAt: now, ...order });
}

export interface Failure {
  failureCode: string;
  failureReason: string;
}

export function fail(intent: Intent, failure: Failure, now: string): Intent {
  assertAllowed(intent, 'fail');
  return touched(intent, now, { status: 'FAILED', ...failure });
}

/** The platform accepted the order (JD VOP): its id goes on the intent, which stays PROCESSING until delivery. */
export function placeOrder(intent: Intent, orderId: string, now: string): Intent {
  assertAllowed(intent, 'complete');
  return touched(intent, now, { orderId });
}

export interface Tracking {
  trackingNumber: string;
  trackingCompany: string;
}

/** True when `after` carries a carrier or waybill that `before` did not: a change the partner is told about. */
export function trackingChanged(before: Intent, after: Intent): boolean {
  return before.trackingNumber !== after.trackingNumber || before.trackingCompany !== after.trackingCompany;
}

/**
 * The parcel's carrier and waybill go on a PROCESSING intent (shipped, not yet delivered) or a COMPLETED one (the
 * operator completed it before the waybill existed). Recording what is already there returns the intent unchanged,
 * so a redelivered message or a repeated command writes nothing and notifies nobody twice.
 */
export function recordTracking(intent: Intent, tracking: Tracking, now: string): Intent {
  assertAllowed(intent, 'track');
  const after = { ...intent, ...tracking };
  return trackingChanged(intent, after) ? touched(intent, now, { ...tracking }) : intent;
}
