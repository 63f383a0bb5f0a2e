// The API's shapes as partners see them (API reference: The intent, Routes).

export type Platform = 'TAOBAO' | 'JD' | 'PDD';
export type IntentStatus = 'DRAFT' | 'SUBMITTED' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

/** Statuses the system never moves an intent out of. */
export const FINAL_STATUSES: readonly IntentStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export interface CreateIntentInput {
  userId: string;
  platform: Platform;
  productUrl: string;
  title: string;
  /** Yuan, at most 2 decimals. */
  price: number;
  quantity: number;
  recipientName: string;
  address: string;
  phone: string;
  remarks?: string;
  /** `DRAFT` keeps it editable; the default `SUBMITTED` starts fulfilment. */
  status?: 'DRAFT' | 'SUBMITTED';
}

export interface CreateOptions {
  /**
   * Makes the create safe to repeat: the same key and body within 24 h return the first intent. The SDK generates
   * one per `create` call when you pass none, so its own retries can never create a duplicate.
   */
  idempotencyKey?: string;
}

/** The API's per-request maximum of a batch, and of an atomic one. */
export const MAX_BATCH_SIZE = 50;
export const MAX_ATOMIC_BATCH_SIZE = 25;

export interface CreateManyOptions {
  /**
   * Items per request (default and maximum 50). Each request pays one unit of the app's `create` rate limit per
   * item and is refused whole when they do not fit, so keep it at or below your app's create limit per second.
   */
  batchSize?: number;
  /** All or nothing (at most 25 items, sent in one request): any invalid item refuses them all with a ProcureError. */
  atomic?: boolean;
  /**
   * Makes the call safe to repeat. With more than one batch, batch n is sent with `<key>_<n>`, so keep the key at
   * most 60 characters. The SDK generates keys when you pass none, so its own retries can never duplicate.
   */
  idempotencyKey?: string;
}

export interface FieldError {
  field: string;
  message: string;
}

/** One result of `createMany` per input, in input order: `ok` with the created intent, or the refusal. */
export type BatchItemResult =
  | { ok: true; index: number; code: 0; id: string; intent: CreatedIntent }
  | { ok: false; index: number; code: number; message?: string; errors?: FieldError[] };

/** What `create` returns. */
export interface CreatedIntent {
  id: string;
  userId: string;
  platform: Platform;
  status: IntentStatus;
  createdAt: string;
  updatedAt: string;
}

/** The full intent (`get`, `update`). Absent values are omitted; `phone` comes back masked. */
export interface Intent extends CreatedIntent {
  productUrl: string;
  title: string;
  price: number;
  quantity: number;
  totalAmount: number;
  recipientName: string;
  address: string;
  phone: string;
  remarks?: string;
  statusMessage?: string;
  failureCode?: string;
  failureReason?: string;
  orderId?: string;
  trackingNumber?: string;
  trackingCompany?: string;
  submittedAt?: string;
  completedAt?: string;
  cancelledAt?: string;
}

/** A list row; with `fields` only the requested fields are present. */
export type IntentSummary = Pick<
  Intent,
  'id' | 'userId' | 'platform' | 'title' | 'price' | 'quantity' | 'totalAmount' | 'status' | 'createdAt' | 'updatedAt'
>;

export type UpdateIntentInput = Partial<Omit<CreateIntentInput, 'status'>> & { status?: 'SUBMITTED' | 'CANCELLED' };

export type FilterValue =
  | string
  | number
  | { eq?: string | number; in?: (string | number)[]; gte?: string | number; lte?: string | number; like?: string };

export interface ListParams {
  page?: number;
  pageSize?: number;
  status?: IntentStatus;
  userId?: string;
  platform?: Platform;
  startDate?: string;
  endDate?: string;
  sortBy?: 'createdAt' | 'updatedAt' | 'price';
  order?: 'asc' | 'desc';
  /** `filter[field]...` operators, e.g. `{ price: { gte: 100 }, status: { in: ['FAILED', 'CANCELLED'] } }`. */
  filter?: Record<string, FilterValue>;
  /** Only these fields in each item. */
  fields?: string[];
  /** Opaque `nextCursor` of a previous page, for deep paging at constant cost. */
  cursor?: string;
}

export interface IntentListData {
  items: IntentSummary[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  nextCursor?: string;
}

/**
 * What `list` returns: the list data itself, plus `data` pointing back to the same object, so both
 * `result.items` and the documents' `response.data.items` work. `data` is not enumerable (JSON.stringify skips it).
 */
export interface IntentList extends IntentListData {
  readonly data: IntentList;
}

/** One entry of an intent's status history (`events`), oldest first; `from` is absent for the creation. */
export interface IntentEvent {
  /** Who made the change: the partner's app, the system (fulfilment) or an operator. */
  actor: 'app' | 'system' | 'operator';
  from?: IntentStatus;
  to: IntentStatus;
  at: string;
}

export interface DeletedIntent {
  id: string;
  deleted: true;
}

export interface WaitOptions {
  /** Give up after this many ms (default 300 000). */
  timeout?: number;
  /** Poll every this many ms (default 5 000). */
  interval?: number;
}
