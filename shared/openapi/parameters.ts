// Header, path and query parameters, built from the constants the parsers themselves use.
import * as z from 'zod';
import { INTENT_ID_PATTERN, PLATFORMS, STATUSES } from '../domain/intent';
import { idempotencyKey } from '../schemas/intent-fields';
import {
  DEFAULT_PAGE_SIZE,
  FILTER_FIELDS,
  ITEM_FIELDS,
  MAX_PAGE_SIZE,
  MAX_PAGE_WINDOW,
  OPERATORS,
} from '../schemas/list-query';
import { jsonSchema } from './json-schema';

type Parameter = Record<string, unknown>;

/** `example`: one request's worth of values; the examples test sends every parameter that has one, together. */
const query = (name: string, schema: object, description: string, example?: unknown): Parameter => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
  ...(example === undefined ? {} : { example }),
});

export const intentIdParameter: Parameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: INTENT_ID_PATTERN.source },
  description:
    'Intent id (intent_ + a 26-character ULID); a value that cannot be one is 404 / 40401. / 采购意图 ID(intent_ 加 26 位 ULID);不可能是意图 ID 的值得到 404 / 40401',
  example: 'intent_01JD5ZK3Q8X9M2N4P6R7S8T9VW',
};

export const idempotencyKeyParameter: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: jsonSchema(idempotencyKey),
  description: z.globalRegistry.get(idempotencyKey)?.description,
  example: 'order-20260115-0001',
};

/** The same header on the batch route, where it covers the whole batch; its own example, since keys are per app. */
export const batchIdempotencyKeyParameter: Parameter = {
  ...idempotencyKeyParameter,
  description:
    'Covers the whole batch: within 24 h the same key and body replay the first per-item answer and create nothing; another body is 409 / 40901. / ' +
    '幂等键,覆盖整批:24 小时内同一键与同一请求体返回第一次的逐项结果,不再创建;同一键不同请求体为 409 / 40901',
  example: 'cart-20260115-0001',
};

const isoDate = { type: 'string', description: 'ISO 8601 日期或时间' };

export const listParameters: Parameter[] = [
  query(
    'page',
    { type: 'integer', minimum: 1, maximum: MAX_PAGE_WINDOW, default: 1 },
    `Page number from 1; past the end is an empty items. page × pageSize at most ${MAX_PAGE_WINDOW} (400 / 40001); deeper, use cursor. / ` +
      `页码,从 1 开始;超出末页得到空 items。page × pageSize 不能超过 ${MAX_PAGE_WINDOW}(400 / 40001),更深请用 cursor`,
    1,
  ),
  query(
    'pageSize',
    { type: 'integer', minimum: 1, default: DEFAULT_PAGE_SIZE },
    `Items per page, default ${DEFAULT_PAGE_SIZE}; above ${MAX_PAGE_SIZE} it becomes ${MAX_PAGE_SIZE}. / ` +
      `每页条数,默认 ${DEFAULT_PAGE_SIZE},超过 ${MAX_PAGE_SIZE} 按 ${MAX_PAGE_SIZE};page × pageSize 不能超过 ${MAX_PAGE_WINDOW}`,
    20,
  ),
  query('status', { type: 'string', enum: [...STATUSES] }, 'Status equals / 按状态等值过滤', 'SUBMITTED'),
  query('userId', { type: 'string' }, 'User id equals / 按用户 ID 等值过滤', 'user_001'),
  query('platform', { type: 'string', enum: [...PLATFORMS] }, 'Platform equals / 按平台等值过滤', 'JD'),
  query(
    'startDate',
    isoDate,
    'createdAt from (inclusive); a date alone starts at 00:00:00.000Z / createdAt 下界(含);日期表示当天 00:00:00.000Z 起',
    '2026-01-01',
  ),
  query(
    'endDate',
    isoDate,
    'createdAt until (inclusive); a date alone ends at 23:59:59.999Z / createdAt 上界(含);日期表示到当天 23:59:59.999Z',
    '2099-12-31',
  ),
  query('startTime', isoDate, 'Alias of startDate / startDate 的别名'),
  query('endTime', isoDate, 'Alias of endDate / endDate 的别名'),
  query(
    'sortBy',
    { type: 'string', enum: ['createdAt', 'updatedAt', 'price'], default: 'createdAt' },
    'Sort field; ties broken by id / 排序字段;相同值按 id 排',
    'createdAt',
  ),
  query('order', { type: 'string', enum: ['asc', 'desc'], default: 'desc' }, 'Sort direction / 排序方向', 'desc'),
  query('sortOrder', { type: 'string', enum: ['asc', 'desc'] }, 'Alias of order / order 的别名'),
  query(
    'fields',
    { type: 'string', examples: ['id,status,totalAmount'] },
    `Only these fields in each item, comma-separated / 只返回这些字段,逗号分隔:${ITEM_FIELDS.join(', ')}`,
    'id,status,totalAmount',
  ),
  query(
    'cursor',
    { type: 'string', maxLength: 2048 },
    "The previous page's nextCursor, for deep pages at constant cost (opaque; not bound by page × pageSize); an altered or foreign cursor is 400 / 40001. / " +
      '上一页响应的 nextCursor,用于深分页(不透明,不受 page × pageSize 上限约束);伪造或不匹配的游标为 400 / 40001',
  ),
  {
    name: 'filter',
    in: 'query',
    required: false,
    style: 'deepObject',
    explode: true,
    example: { title: { like: 'iPhone' } },
    schema: {
      type: 'object',
      propertyNames: { enum: [...FILTER_FIELDS] },
      additionalProperties: {
        oneOf: [
          { type: 'string', description: '等值:filter[field]=value' },
          {
            type: 'object',
            propertyNames: { enum: [...OPERATORS] },
            additionalProperties: { type: 'string' },
            description: '运算符:filter[field][op]=value',
          },
        ],
      },
    },
    description:
      'filter[field]=value, filter[field][in]=a,b, [gte], [lte], [like] (case-insensitive substring); money in yuan, times ISO 8601; an unknown field, operator or bad value is 400 / 40001. / ' +
      `filter[字段]=值、filter[字段][in]=a,b、filter[字段][gte]=v、filter[字段][lte]=v、filter[字段][like]=文本(不区分大小写子串)。` +
      `字段:${FILTER_FIELDS.join(', ')};运算符:${OPERATORS.join(', ')}。金额以元计,时间为 ISO 8601。非法字段、运算符或值:400 / 40001`,
  },
];
