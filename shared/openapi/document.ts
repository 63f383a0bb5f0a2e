// Builds the OpenAPI 3.1 description from the route table, the zod schemas and the error model: one source, so
// the document cannot drift from what the handlers accept and answer.
import { version } from '../../package.json';
import { SUCCESS_MESSAGE } from '../http/envelope';
import { type HandlerName, type Route, routes } from '../routes';
import { createIntentSchema, updateIntentSchema } from '../schemas/intent';
import { errorCodesByStatus, errorMessage } from './errors';
import { jsonSchema } from './json-schema';
import { idempotencyKeyParameter, intentIdParameter, listParameters } from './parameters';
import {
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
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const OPERATIONS: Record<HandlerName, Operation> = {
  health: { summary: '健康检查(无需签名,不访问数据库)', status: 200, data: ref('Health') },
  openapi: {
    summary: '本 OpenAPI 3.1 描述(无需签名,不带信封)',
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
    status: 201,
    data: ref('CreatedIntent'),
    body: ref('CreateIntent'),
    parameters: [idempotencyKeyParameter],
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

const json = (schema: Json) => ({ 'application/json': { schema } });

function success(op: Operation): Json {
  if (op.bare) return { description: 'OpenAPI 文档', content: json(op.data) };
  return {
    description: SUCCESS_MESSAGE,
    content: json({
      type: 'object',
      required: ['code', 'message', 'data'],
      properties: { code: { const: 0 }, message: { type: 'string', examples: [SUCCESS_MESSAGE] }, data: op.data },
    }),
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
    tags: [route.path.includes('/intents') ? 'intents' : 'service'],
    security: route.auth ? signedSecurity : [],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
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
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: '当前主机(本地运行时为 http://localhost:3000)' }],
    tags: [
      { name: 'intents', description: '采购意图:创建、查询、修改、删除与状态历史' },
      { name: 'service', description: '服务状态与本 API 描述(无需签名)' },
    ],
    paths,
    components: {
      securitySchemes,
      schemas: {
        CreateIntent: jsonSchema(createIntentSchema),
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
