// Examples for every request and response of the OpenAPI document. They are real: Redocly's lint checks each one
// against its schema, and test/integration/openapi-http.test.ts sends every request example to the local runtime
// and expects the documented answer.
import { SUCCESS_MESSAGE } from '../http/envelope';
import type { HandlerName } from '../routes';

type Json = Record<string, unknown>;

const INTENT_ID = 'intent_01JD5ZK3Q8X9M2N4P6R7S8T9VW';
const CREATED_AT = '2026-01-15T08:30:00.000Z';

export const createIntentExample = {
  userId: 'user_001',
  platform: 'JD',
  productUrl: 'https://item.jd.com/100012345.html',
  title: 'Apple iPhone 15 Pro 256GB',
  price: 8999,
  quantity: 1,
  recipientName: '张三',
  address: '北京市朝阳区望京SOHO T1 1001',
  phone: '13800138000',
  remarks: '请在工作日送达',
};

/** Two drafts in one request; the answer has one result per item, in order. */
export const batchRequestExample = {
  items: [
    { ...createIntentExample, status: 'DRAFT' },
    { ...createIntentExample, userId: 'user_002', quantity: 2, status: 'DRAFT' },
  ],
};

/** Cancels a SUBMITTED or PROCESSING intent (a DRAFT takes field edits and `status: SUBMITTED` instead). */
export const updateIntentExample = { status: 'CANCELLED' };

const intentExample = {
  id: INTENT_ID,
  ...createIntentExample,
  phone: '138****8000',
  totalAmount: 8999,
  status: 'COMPLETED',
  statusMessage: '采购订单已完成',
  orderId: 'JD260115000123',
  trackingNumber: 'JDX000123456789',
  trackingCompany: '京东物流',
  createdAt: CREATED_AT,
  updatedAt: '2026-01-15T08:30:04.512Z',
  submittedAt: CREATED_AT,
  completedAt: '2026-01-15T08:30:04.512Z',
};

const DATA: Record<HandlerName, unknown> = {
  health: { status: 'ok', version: '1.0.0', time: CREATED_AT },
  openapi: { openapi: '3.1.0', info: { title: 'procure-core API' }, paths: {} },
  'intents-create': {
    id: INTENT_ID,
    userId: 'user_001',
    platform: 'JD',
    status: 'SUBMITTED',
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
  },
  'intents-batch': {
    items: [
      {
        index: 0,
        code: 0,
        id: INTENT_ID,
        intent: {
          id: INTENT_ID,
          userId: 'user_001',
          platform: 'JD',
          status: 'DRAFT',
          createdAt: CREATED_AT,
          updatedAt: CREATED_AT,
        },
      },
      // An item refused by the single create's rules would read:
      // { index: 1, code: 40001, message: '参数验证失败', errors: [{ field: 'price', message: '价格必须大于 0' }] }
      {
        index: 1,
        code: 0,
        id: 'intent_01JD5ZK3Q8X9M2N4P6R7S8T9VX',
        intent: {
          id: 'intent_01JD5ZK3Q8X9M2N4P6R7S8T9VX',
          userId: 'user_002',
          platform: 'JD',
          status: 'DRAFT',
          createdAt: CREATED_AT,
          updatedAt: CREATED_AT,
        },
      },
    ],
  },
  'intents-list': {
    items: [
      {
        id: INTENT_ID,
        userId: 'user_001',
        platform: 'JD',
        title: 'Apple iPhone 15 Pro 256GB',
        price: 8999,
        quantity: 1,
        totalAmount: 8999,
        status: 'COMPLETED',
        createdAt: CREATED_AT,
        updatedAt: '2026-01-15T08:30:04.512Z',
      },
    ],
    total: 1,
    page: 1,
    pageSize: 20,
    totalPages: 1,
  },
  'intents-get': intentExample,
  'intents-update': {
    ...intentExample,
    status: 'CANCELLED',
    statusMessage: '已取消',
    orderId: undefined,
    trackingNumber: undefined,
    trackingCompany: undefined,
    completedAt: undefined,
    cancelledAt: '2026-01-15T08:30:01.200Z',
  },
  'intents-delete': { id: INTENT_ID, deleted: true },
  'intents-events': {
    id: INTENT_ID,
    items: [
      { actor: 'app', to: 'SUBMITTED', at: CREATED_AT },
      { actor: 'system', from: 'SUBMITTED', to: 'PROCESSING', at: '2026-01-15T08:30:00.900Z' },
      { actor: 'system', from: 'PROCESSING', to: 'COMPLETED', at: '2026-01-15T08:30:04.512Z' },
    ],
  },
};

/** The success answer of a route, in its envelope (the API description itself is answered bare). */
export function successExample(handler: HandlerName, bare: boolean): unknown {
  const data = JSON.parse(JSON.stringify(DATA[handler]));
  return bare ? data : { code: 0, message: SUCCESS_MESSAGE, data };
}

/** An error answer with `code`; validation failures carry their field list. */
export function errorExample(code: number, message: string): Json {
  if (code === 40001 || code === 40002) {
    const error =
      code === 40002 ? { field: 'phone', message: '必填参数缺失' } : { field: 'price', message: '价格必须大于 0' };
    return {
      code,
      message: code === 40002 ? '必填参数缺失' : '参数验证失败',
      data: { errors: [error], field: error.field, reason: error.message },
    };
  }
  return { code, message, data: null };
}

/** The webhook event for a status change, as POSTed to the app's webhook URL. */
export const webhookEventExample = {
  eventId: 'evt_8f14e45fceea167a5a36dedd4bea2543',
  type: 'intent.status_changed',
  occurredAt: '2026-01-15T08:30:04.512Z',
  data: { ...intentExample, previousStatus: 'PROCESSING' },
};

export const trackingUpdatedExample = {
  eventId: 'evt_45c48cce2e2d7fbdea1afc51c7c6ad26',
  type: 'intent.tracking_updated',
  occurredAt: '2026-01-16T02:10:00.000Z',
  data: { ...intentExample, trackingCompany: '京东物流', trackingNumber: 'JDV000123456789' },
};

export const intentIdExample = INTENT_ID;
