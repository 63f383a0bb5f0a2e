// The intent model. Pure TypeScript: no AWS import (see README "Style").

export const PLATFORMS = ['TAOBAO', 'JD', 'PDD'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const STATUSES = ['DRAFT', 'SUBMITTED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type IntentStatus = (typeof STATUSES)[number];

/** An intent as the platform keeps it: money in integer fen, times as ISO 8601 UTC with milliseconds. */
export interface Intent {
  id: string;
  appId: string;
  userId: string;
  platform: Platform;
  productUrl: string;
  title: string;
  priceFen: number;
  quantity: number;
  totalAmountFen: number;
  recipientName: string;
  address: string;
  phone: string;
  remarks?: string;
  status: IntentStatus;
  failureCode?: string;
  failureReason?: string;
  orderId?: string;
  trackingNumber?: string;
  trackingCompany?: string;
  /** The unit price an operator actually paid for a manual order (fen; not in the partner's view). */
  paidPriceFen?: number;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  completedAt?: string;
  cancelledAt?: string;
  /** Optimistic-locking counter: every write is conditional on the version it read. */
  version: number;
}

/** The partner's fields of an intent as a create gives them (price in yuan); the request schema checks them. */
export interface CreateIntentInput {
  userId: string;
  platform: Platform;
  productUrl: string;
  title: string;
  price: number;
  quantity: number;
  recipientName: string;
  address: string;
  phone: string;
  remarks?: string;
  status?: 'DRAFT' | 'SUBMITTED';
}

/** A PUT: any of the partner's fields, and the status to move to. */
export type UpdateIntentInput = Partial<Omit<CreateIntentInput, 'status'>> & { status?: 'SUBMITTED' | 'CANCELLED' };

/** Who moved an intent: the partner's app, the fulfilment system, or a person running the ops CLI. */
export type Actor = 'app' | 'system' | 'operator';

/** One line of an intent's status history. `from` is absent for the creation. */
export interface IntentEvent {
  intentId: string;
  actor: Actor;
  from?: IntentStatus;
  to: IntentStatus;
  at: string;
  /** Set on the event that recorded a carrier and waybill without a status change (`from` equals `to`). */
  trackingCompany?: string;
  trackingNumber?: string;
}

/** `intent_` + a ULID (Crockford base 32, 26 characters). */
export const INTENT_ID_PATTERN = /^intent_[0-9A-HJKMNP-TV-Z]{26}$/;

export function isIntentId(value: string): boolean {
  return INTENT_ID_PATTERN.test(value);
}
