// Builds the OpenAPI 3.1 description from the route table, the zod schemas and the error model: one source, so
// the document cannot drift from what the handlers accept and answer.
import { version } from '../../package.json';
import { SUCCESS_MESSAGE } from '../http/envelope';
import { type HandlerName, type Route, routes } from '../routes';
import { createBatchSchema } from '../schemas/batch';
import { createIntentSchema, updateIntentSchema } from '../schemas/intent';
import { errorCodesByStatus, errorMessage } from './errors';
import {
  batchRequestExample,
  createIntentExample,
  errorExample,
  successExample,
  trackingUpdatedExample,
  updateIntentExample,
  webhookEventExample,
} from './examples';
import { jsonSchema } from './json-schema';
import { batchIdempotencyKeyParameter, idempotencyKeyParameter, intentIdParameter, listParameters } from './parameters';
import {
  batchResultSchema,
  createdIntentSchema,
  deletedSchema,
  eventsSchema,
  healthSchema,
  intentPageSchema,
  intentSchema,
} from './responses';
import { securitySchemes, signedSecurity } from './security';

type Json = Record<string, unknown>;

interface Operation {
  summary: string;
  /** English first, then Chinese: partners read either. */
  description: string;
  status: number;
  data: Json;
  body?: Json;
  parameters?: Json[];
  /** Answered without the envelope (the OpenAPI document itself, for tools). */
  bare?: boolean;
  /** The request body's example, sent as is by the examples test. */
  example?: unknown;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const OPERATIONS: Record<HandlerName, Operation> = {
  health: {
    summary: '健康检查(无需签名,不访问数据库)',
    description: 'Health check: no signature, no database call.\n\n健康检查:无需签名,不访问数据库。',
    status: 200,
    data: ref('Health'),
  },
  openapi: {
    summary: '本 OpenAPI 3.1 描述(无需签名,不带信封)',
    description:
      'This OpenAPI 3.1 description, without signature and without the envelope; `servers` names the host that served it.\n\n' +
      '本 OpenAPI 3.1 描述,无需签名,不带信封;`servers` 为提供它的主机。',
    status: 200,
    data: {
      type: 'object',
      required: ['openapi', 'info', 'paths'],
      properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } },
    },
    bare: true,
  },
  'intents-create': {
    summary: '创建采购意图',
    description:
      'Creates an intent, SUBMITTED unless `status: DRAFT` is sent. With an Idempotency-Key, the same key and body within 24 h answer the first response again (`Idempotent-Replayed: true`); the same key with another body is 409 / 40901.\n\n' +
      '创建采购意图,默认 SUBMITTED,传 `status: DRAFT` 为草稿。带 Idempotency-Key 时,24 小时内同一键与同一请求体返回第一次的响应(`Idempotent-Replayed: true`);同一键不同请求体返回 409 / 40901。',
    status: 201,
    data: ref('CreatedIntent'),
    body: ref('CreateIntent'),
    example: createIntentExample,
    parameters: [idempotencyKeyParameter],
  },
  'intents-batch': {
    summary: '批量创建采购意图(1-50 个)',
    description:
      "Creates 1 to 50 intents in one signed request, each checked and created by the single create's rules; the answer lists one result per item in request order (code 0: created, otherwise the single create's code and field list). With `atomic: true` (at most 25 items) any invalid item refuses the whole batch with 400 (paths like `items[3].price`) and nothing is created. An Idempotency-Key covers the whole batch. Rate limiting counts intents: a batch of 20 uses 20 units of the app's `create` class, and a batch that does not fit what is left of the second is refused whole with 429 and Retry-After.\n\n" +
      '每项按单个创建的规则校验和创建,结果按请求顺序逐项返回(code 0 为已创建)。atomic 为 true 时最多 25 项,任一项无效' +
      '则整批 400(字段路径如 items[3].price),不创建任何意图。Idempotency-Key 覆盖整批。限流按意图计数:' +
      '一批 20 项消耗 create 类别 20 个配额;剩余配额不足时整批 429(带 Retry-After),' +
      '多于应用每秒 create 限额的批次永远放不下,请拆小或申请更高限额。',
    status: 200,
    data: ref('BatchResult'),
    body: ref('CreateIntentBatch'),
    example: batchRequestExample,
    parameters: [batchIdempotencyKeyParameter],
  },
  'intents-list': {
    summary: '查询采购意图列表',
    description:
      "Lists the app's intents with filters, sorting and paging; `total` and `totalPages` are exact for the filters given. Pass `nextCursor` back as `cursor` for deep pages at constant cost.\n\n" +
      '按过滤、排序、分页列出本应用的采购意图;`total` 与 `totalPages` 对给定过滤条件精确。把 `nextCursor` 作为 `cursor` 传回,可用恒定成本深度翻页。',
    status: 200,
    data: ref('IntentPage'),
    parameters: listParameters,
  },
  'intents-get': {
    summary: '查询采购意图详情',
    description:
      "The full intent, phone masked. Another app's intent is 403 / 40302.\n\n采购意图全部字段,手机号脱敏。其它应用的采购意图返回 403 / 40302。",
    status: 200,
    data: ref('Intent'),
    parameters: [intentIdParameter],
  },
  'intents-update': {
    summary: '修改草稿、提交或取消采购意图',
    description:
      'A DRAFT takes field edits and `status: SUBMITTED`; a SUBMITTED or PROCESSING intent takes only `status: CANCELLED`. Anything the status does not allow is 409 / 40902.\n\n' +
      'DRAFT 可修改字段或传 `status: SUBMITTED` 提交;SUBMITTED 或 PROCESSING 只接受 `status: CANCELLED`。当前状态不允许的操作返回 409 / 40902。',
    status: 200,
    data: ref('Intent'),
    body: ref('UpdateIntent'),
    example: updateIntentExample,
    parameters: [intentIdParameter],
  },
  'intents-delete': {
    summary: '删除采购意图(DRAFT、FAILED、CANCELLED)',
    description:
      'Deletes a DRAFT, FAILED or CANCELLED intent: it leaves reads and counts; an audit record remains. Other statuses: 409 / 40902.\n\n' +
      '删除 DRAFT、FAILED 或 CANCELLED 状态的采购意图:之后不再出现在查询与统计中,保留审计记录。其它状态返回 409 / 40902。',
    status: 200,
    data: ref('Deleted'),
    parameters: [intentIdParameter],
  },
  'intents-events': {
    summary: '采购意图状态历史(最早在前)',
    description:
      "The intent's status history, oldest first; actor is app, system or operator.\n\n采购意图的状态历史,最早在前;actor 为 app、system 或 operator。",
    status: 200,
    data: ref('IntentEvents'),
    parameters: [intentIdParameter],
  },
};

const json = (schema: Json, example?: unknown) => ({
  'application/json': example === undefined ? { schema } : { schema, example },
});

function success(route: Route, op: Operation): Json {
  const example = successExample(route.handler as HandlerName, op.bare ?? false);
  if (op.bare) return { description: 'OpenAPI 文档', content: json(op.data, example) };
  return {
    description: SUCCESS_MESSAGE,
    content: json(
      {
        type: 'object',
        required: ['code', 'message', 'data'],
        properties: { code: { const: 0 }, message: { type: 'string', examples: [SUCCESS_MESSAGE] }, data: op.data },
      },
      example,
    ),
  };
}

function errors(route: Route): Json {
  const responses: Json = {};
  for (const [status, codes] of errorCodesByStatus(route)) {
    responses[String(status)] = {
      description: codes.map((c) => `${c} ${errorMessage(c)}`).join(';'),
      content: json(
        { allOf: [ref('ErrorEnvelope'), { properties: { code: { enum: codes } } }] },
        errorExample(codes[0]!, errorMessage(codes[0]!)),
      ),
    };
  }
  return responses;
}

function operation(route: Route): Json {
  const op = OPERATIONS[route.handler as HandlerName];
  return {
    operationId: route.handler.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
    summary: op.summary,
    description: op.description,
    tags: [route.path.includes('/intents') ? 'intents' : 'service'],
    security: route.auth ? signedSecurity : [],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: json(op.body, op.example) } } : {}),
    responses: { [String(op.status)]: success(route, op), ...errors(route) },
  };
}

const header = (name: string, description: string, schema: Json = { type: 'string' }) => ({
  name,
  in: 'header',
  required: true,
  schema,
  description,
});

const webhookHeaders = [
  header('X-Event-Id', '事件 ID,与请求体的 eventId 相同;重投时不变'),
  header('X-App-Id', '应用 ID'),
  header('X-Timestamp', '签名时间,毫秒,13 位', { type: 'string', pattern: '^\\d{13}$' }),
  header('X-Signature', 'hex(HMAC-SHA256(appSecret, "POST" + 路径和查询 + X-Timestamp + 请求体))', {
    type: 'string',
    pattern: '^[0-9a-fA-F]{64}$',
  }),
];

const webhookDelivery =
  'Verify `X-Signature` = hex(HMAC-SHA256(appSecret, "POST" + the webhook URL\'s path and query + X-Timestamp + raw body)) before parsing; answer 2xx within 5 s; de-duplicate on `eventId` (at least once, in no guaranteed order; retried with backoff for at least 24 h).\n\n';
const webhookDeliveryZh =
  '解析前先验证 `X-Signature` = hex(HMAC-SHA256(appSecret, "POST" + Webhook 地址的路径和查询 + X-Timestamp + 原始请求体));5 秒内返回 2xx;按 `eventId` 去重(至少一次、不保证顺序;失败后退避重试至少 24 小时)。';

/** One kind of event POSTed to the app's webhook URL, signed like the partner's own requests. */
function webhook(operationId: string, summary: string, when: string, whenZh: string, schema: string, example: Json) {
  return {
    post: {
      operationId,
      summary,
      // procure-core signs this call itself (the headers below); the receiver needs no credentials of its own.
      security: [],
      description: `${when} ${webhookDelivery}${whenZh}${webhookDeliveryZh}`,
      parameters: webhookHeaders,
      requestBody: { required: true, content: json(ref(schema), example) },
      responses: {
        '200': { description: '已收到(任何 2xx 均可)' },
        default: { description: '非 2xx 或 5 秒内无响应:稍后重投' },
      },
    },
  };
}

/** Status changes and waybills POSTed to an app's webhook URL. */
const webhooks: Json = {
  'intent.status_changed': webhook(
    'intentStatusChanged',
    '采购意图状态变化通知',
    "Sent to the app's webhook URL on every status change.",
    '每次状态变化都会 POST 到应用的 Webhook 地址。',
    'WebhookEvent',
    webhookEventExample,
  ),
  'intent.tracking_updated': webhook(
    'intentTrackingUpdated',
    '物流信息更新通知',
    'Sent when a carrier and waybill number arrive without a status change: the order shipped while PROCESSING, or the waybill was added after COMPLETED. A change of status that brings tracking (COMPLETED with a waybill) is an `intent.status_changed` event instead.',
    '物流公司与物流单号在状态不变时到达(处理中已发货,或完成后补录运单)时发送;随状态变化一起到达的物流信息(带运单的 COMPLETED)只发送 `intent.status_changed`。',
    'TrackingUpdatedEvent',
    trackingUpdatedExample,
  ),
};

export interface DocumentOptions {
  /** The API's base URL for `servers`: the deployed URL, or the host that serves the document. */
  serverUrl?: string;
}

export function buildOpenApiDocument(options: DocumentOptions = {}): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'procure-core API',
      version,
      description:
        'Purchase intents: partner apps ask procure-core to buy a Taobao, JD or PDD product and follow the order until it is done. Every answer is the envelope { code, message, data }; code 0 is success. Every route but health and this description is signed (see the security scheme).\n\n' +
        '采购意图 API:合作方应用请 procure-core 购买淘宝、京东或拼多多商品,并跟踪订单直至完成。所有响应都是 { code, message, data } 信封;code 0 表示成功。除健康检查与本描述外,所有接口都需要签名(见安全方案)。',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: options.serverUrl
      ? [{ url: options.serverUrl, description: 'This API / 本 API' }]
      : [{ url: '/', description: 'The host serving this document / 提供本文档的主机' }],
    tags: [
      { name: 'intents', description: '采购意图:创建、查询、修改、删除与状态历史' },
      { name: 'service', description: '服务状态与本 API 描述(无需签名)' },
    ],
    paths,
    webhooks,
    components: {
      securitySchemes,
      schemas: {
        CreateIntent: jsonSchema(createIntentSchema),
        CreateIntentBatch: jsonSchema(createBatchSchema),
        BatchResult: jsonSchema(batchResultSchema),
        UpdateIntent: jsonSchema(updateIntentSchema),
        Intent: jsonSchema(intentSchema),
        CreatedIntent: jsonSchema(createdIntentSchema),
        IntentPage: jsonSchema(intentPageSchema),
        Deleted: jsonSchema(deletedSchema),
        IntentEvents: jsonSchema(eventsSchema),
        Health: jsonSchema(healthSchema),
        WebhookEvent: {
          type: 'object',
          required: ['eventId', 'type', 'occurredAt', 'data'],
          properties: {
            eventId: { type: 'string', description: '事件 ID,用于去重' },
            type: { const: 'intent.status_changed' },
            occurredAt: { type: 'string', format: 'date-time' },
            data: {
              allOf: [
                ref('Intent'),
                {
                  type: 'object',
                  required: ['previousStatus'],
                  properties: { previousStatus: { type: ['string', 'null'], description: '变化前的状态' } },
                },
              ],
            },
          },
        },
        TrackingUpdatedEvent: {
          type: 'object',
          required: ['eventId', 'type', 'occurredAt', 'data'],
          properties: {
            eventId: { type: 'string', description: '事件 ID,用于去重' },
            type: { const: 'intent.tracking_updated' },
            occurredAt: { type: 'string', format: 'date-time' },
            data: {
              allOf: [
                ref('Intent'),
                { type: 'object', required: ['trackingNumber'], properties: { trackingNumber: { type: 'string' } } },
              ],
            },
          },
        },
        ErrorEnvelope: {
          type: 'object',
          required: ['code', 'message', 'data'],
          properties: {
            code: { type: 'integer', description: '业务错误码' },
            message: { type: 'string', description: '公开的中文错误信息' },
            data: { description: '40001/40002 时为 { errors: [{ field, message }], field, reason };其它为 null' },
          },
        },
      },
    },
  };
}
