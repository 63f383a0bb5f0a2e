// Request schemas for the intent routes: the single source for validation, TypeScript types and the OpenAPI
// description. Unknown fields are refused (strict objects), so server-owned fields can never be mass-assigned.
import * as z from 'zod';
import { isProductUrlOf } from '../domain/product-url';
import { validationError } from '../http/errors';
import * as f from './intent-fields';
import { validate } from './validate';

const fields = {
  userId: f.userId,
  platform: f.platform,
  productUrl: f.productUrl,
  title: f.title,
  price: f.price,
  quantity: f.quantity,
  recipientName: f.recipientName,
  address: f.address,
  phone: f.phone,
};

export const REQUIRED_CREATE_FIELDS = Object.keys(fields) as (keyof typeof fields)[];

const urlOfPlatform = z.object({ platform: f.platform, productUrl: f.productUrl });

export const createIntentSchema = z
  .strictObject({
    ...fields,
    remarks: f.remarks.optional(),
    status: z
      .enum(['DRAFT', 'SUBMITTED'], { error: f.FIELD_MESSAGES.createStatus })
      .optional()
      .describe('DRAFT 或 SUBMITTED(默认)'),
  })
  .refine((v) => isProductUrlOf(v.platform, v.productUrl), {
    path: ['productUrl'],
    error: f.FIELD_MESSAGES.productUrlOfPlatform,
    // Checked whenever platform and URL are themselves valid, so it is listed beside other fields' errors.
    when: (payload) => urlOfPlatform.safeParse(payload.value).success,
  })
  .describe('创建采购意图');

export type CreateIntentInput = z.output<typeof createIntentSchema>;

/** Every create field is optional here; the platform/URL pairing is checked on the merged intent. */
export const updateIntentSchema = z
  .strictObject({
    userId: f.userId.optional(),
    platform: f.platform.optional(),
    productUrl: f.productUrl.optional(),
    title: f.title.optional(),
    price: f.price.optional(),
    quantity: f.quantity.optional(),
    recipientName: f.recipientName.optional(),
    address: f.address.optional(),
    phone: f.phone.optional(),
    remarks: f.remarks.optional(),
    status: z
      .enum(['SUBMITTED', 'CANCELLED'], { error: f.FIELD_MESSAGES.updateStatus })
      .optional()
      .describe('SUBMITTED 提交草稿;CANCELLED 取消已提交或处理中的意图'),
  })
  .describe('修改草稿、提交或取消采购意图');

export type UpdateIntentInput = z.output<typeof updateIntentSchema>;
export type IntentEdits = Omit<UpdateIntentInput, 'status'>;

export function parseCreateIntent(body: Record<string, unknown>): CreateIntentInput {
  return validate(createIntentSchema, body, REQUIRED_CREATE_FIELDS);
}

export function parseUpdateIntent(body: Record<string, unknown>): UpdateIntentInput {
  const update = validate(updateIntentSchema, body);
  if (Object.keys(update).length === 0)
    throw validationError([{ field: 'body', message: '至少需要提供一个要修改的字段' }], false);
  return update;
}

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!f.idempotencyKey.safeParse(header).success)
    throw validationError([{ field: 'Idempotency-Key', message: '幂等键必须是 1-64 位 A-Za-z0-9_-' }], false);
  return header;
}
