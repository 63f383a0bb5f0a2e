// The shapes partners read back (API reference: Routes), as zod schemas so they share the request fields' enums.
import * as z from 'zod';
import { PLATFORMS, STATUSES } from '../domain/intent';
import { FAILURE_CODES } from '../fulfilment/failure-codes';
import { ITEM_FIELDS } from '../schemas/list-query';

const status = z.enum(STATUSES);
const platform = z.enum(PLATFORMS);
const instant = z.iso.datetime();
const yuan = z.number().describe('金额(元)');

export const intentSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    platform,
    productUrl: z.string(),
    title: z.string(),
    price: yuan,
    quantity: z.int(),
    totalAmount: yuan,
    recipientName: z.string(),
    address: z.string(),
    phone: z.string().describe('脱敏手机号,如 138****8000'),
    remarks: z.string().optional(),
    status,
    statusMessage: z.string(),
    failureCode: z
      .string()
      .describe(`失败原因代码: ${FAILURE_CODES.join(', ')}`)
      .optional(),
    failureReason: z.string().optional(),
    orderId: z.string().optional(),
    trackingNumber: z.string().optional(),
    trackingCompany: z.string().optional(),
    createdAt: instant,
    updatedAt: instant,
    submittedAt: instant.optional(),
    completedAt: instant.optional(),
    cancelledAt: instant.optional(),
  })
  .describe('采购意图');

export const createdIntentSchema = intentSchema.pick({
  id: true,
  userId: true,
  platform: true,
  status: true,
  createdAt: true,
  updatedAt: true,
});

export const listItemSchema = intentSchema
  .pick(Object.fromEntries(ITEM_FIELDS.map((f) => [f, true])) as Record<(typeof ITEM_FIELDS)[number], true>)
  .partial()
  .describe('列表项;带 fields 参数时只含所选字段');

export const intentPageSchema = z.object({
  items: z.array(listItemSchema),
  total: z
    .int()
    .describe(
      '符合筛选条件的意图总数(精确,最终一致):与列表本身一样,刚写入的变更通常在 1 秒左右计入;写入停止后总数等于逐条重数的结果',
    ),
  page: z.int(),
  pageSize: z.int(),
  totalPages: z.int(),
  nextCursor: z.string().optional().describe('还有下一页时给出;作为 cursor 传回'),
});

export const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

export const eventsSchema = z.object({
  id: z.string(),
  items: z.array(
    z.object({
      actor: z.enum(['app', 'system', 'operator']),
      from: status.optional(),
      to: status,
      at: instant,
      trackingCompany: z
        .string()
        .optional()
        .describe('物流公司:仅在记录物流信息的事件上出现(from 与 to 相同) / carrier, on a tracking event only'),
      trackingNumber: z
        .string()
        .optional()
        .describe('物流单号:仅在记录物流信息的事件上出现 / waybill number, on a tracking event only'),
    }),
  ),
});

export const healthSchema = z.object({ status: z.literal('ok'), version: z.string(), time: instant });

export const batchResultSchema = z
  .object({
    items: z.array(
      z.object({
        index: z.int().describe('该项在请求 items 中的下标'),
        code: z.int().describe('0 为已创建;否则为单个创建会给出的错误码(40001/40002,写入失败为 50301/50001)'),
        message: z.string().optional(),
        id: z.string().optional(),
        intent: createdIntentSchema.optional(),
        errors: z
          .array(z.object({ field: z.string(), message: z.string() }))
          .optional()
          .describe('与单个创建相同的字段错误列表'),
      }),
    ),
  })
  .describe('每项一个结果,顺序与请求相同');
