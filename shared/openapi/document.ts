// Builds the OpenAPI 3.1 description from the route table, the zod schemas and the error model: one source, so
// the document cannot drift from what the handlers accept and answer.
import { version } from '../../package.json';
import { SUCCESS_MESSAGE } from '../http/envelope';
import { type HandlerName, type Route, routes } from '../routes';
import { createBatchSchema } from '../schemas/batch';
import { createIntentSchema, updateIntentSchema } from '../schemas/intent';
import { errorCodesByStatus, errorMessage } from './errors';
import { BATCH_EXAMPLES } from './examples';
import { jsonSchema } from './json-schema';
import { idempotencyKeyParameter, intentIdParameter, listParameters } from './parameters';
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
  status: number;
  data: Json;
  body?: Json;
  parameters?: Json[];
  /** Answered without the envelope (the OpenAPI document itself, for tools). */
  bare?: boolean;
  /** Named OpenAPI examples of the request body and of the success answer. */
  examples?: { request?: Json; response?: Json };
  description?: string;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const OPERATIONS: Record<HandlerName, Operation> = {
  health: { summary: '健康检查(无需签名,不访问数据库)', status: 200, data: ref('Health') },
  openapi: {
    summary: '本 OpenAPI 3.1 描述(无需签名,不带信封)',
    status: 200,
    data: { type: 'object', required: ['openapi', 'info', 'paths'] },
    bare: true,
  },
  'intents-create': {
    summary: '创建采购意图',
    status: 201,
    data: ref('CreatedIntent'),
    body: ref('CreateIntent'),
    parameters: [idempotencyKeyParameter],
  },
  'intents-batch': {
    summary: '批量创建采购意图(1-50 个)',
    description:
      '每项按单个创建的规则校验和创建,结果按请求顺序逐项返回(code 0 为已创建)。atomic 为 true 时最多 25 项,任一项无效' +
      '则整批 400(字段路径如 items[3].price),不创建任何意图。Idempotency-Key 覆盖整批。限流按意图计数:' +
      '一批 20 项消耗 create 类别 20 个配额;剩余配额不足时整批 429(带 Retry-After),' +
      '多于应用每秒 create 限额的批次永远放不下,请拆小或申请更高限额。',
    status: 200,
    data: ref('BatchResult'),
    body: ref('CreateIntentBatch'),
    parameters: [idempotencyKeyParameter],
    examples: { request: BATCH_EXAMPLES.request, response: BATCH_EXAMPLES.response },
  },
  'intents-list': { summary: '查询采购意图列表', status: 200, data: ref('IntentPage'), parameters: listParameters },
  'intents-get': { summary: '查询采购意图详情', status: 200, data: ref('Intent'), parameters: [intentIdParameter] },
  'intents-update': {
    summary: '修改草稿、提交或取消采购意图',
    status: 200,
    data: ref('Intent'),
    body: ref('UpdateIntent'),
    parameters: [intentIdParameter],
  },
  'intents-delete': {
    summary: '删除采购意图(DRAFT、FAILED、CANCELLED)',
    status: 200,
    data: ref('Deleted'),
    parameters: [intentIdParameter],
  },
  'intents-events': {
    summary: '采购意图状态历史(最早在前)',
    status: 200,
    data: ref('IntentEvents'),
    parameters: [intentIdParameter],
  },
};

const json = (schema: Json, examples?: Json) => ({ 'application/json': { schema, ...(examples ? { examples } : {}) } });

function success(op: Operation): Json {
  if (op.bare) return { description: 'OpenAPI 文档', content: json(op.data) };
  return {
    description: SUCCESS_MESSAGE,
    content: json(
      {
        type: 'object',
        required: ['code', 'message', 'data'],
        properties: { code: { const: 0 }, message: { type: 'string', examples: [SUCCESS_MESSAGE] }, data: op.data },
      },
      op.examples?.response,
    ),
  };
}

function errors(route: Route): Json {
  const responses: Json = {};
  for (const [status, codes] of errorCodesByStatus(route)) {
    responses[String(status)] = {
      description: codes.map((c) => `${c} ${errorMessage(c)}`).join(';'),
      content: json({ allOf: [ref('ErrorEnvelope'), { properties: { code: { enum: codes } } }] }),
    };
  }
  return responses;
}

function operation(route: Route): Json {
  const op = OPERATIONS[route.handler as HandlerName];
  return {
    operationId: route.handler.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [route.path.includes('/intents') ? 'intents' : 'service'],
    security: route.auth ? signedSecurity : [],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: json(op.body, op.examples?.request) } } : {}),
    responses: { [String(op.status)]: success(op), ...errors(route) },
  };
}

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'procure-core API',
      version,
      description: '采购意图 API。所有响应都是 { code, message, data } 信封;code 0 表示成功。',
    },
    servers: [{ url: '/', description: '当前主机(本地运行时为 http://localhost:3000)' }],
    tags: [{ name: 'intents' }, { name: 'service' }],
    paths,
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
