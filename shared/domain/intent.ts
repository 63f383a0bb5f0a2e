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
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  completedAt?: string;
  cancelledAt?: string;
  /** Optimistic-locking counter: every write is conditional on the version it read. */
  version: number;
}
