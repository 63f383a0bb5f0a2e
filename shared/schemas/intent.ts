// Request schemas for the intent routes: the single source for validation, TypeScript types and the OpenAPI
// description. Unknown fields are refused (strict objects), so server-owned fields can never be mass-assigned.
import * as z from 'zod/mini';
import { isProductUrlOf } from '../domain/product-url';
import { validationError } from '../http/errors';
import { MESSAGES } from '../http/messages';
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
    remarks: z.optional(f.remarks),
    status: z
      .optional(z.enum(['DRAFT', 'SUBMITTED'], { error: f.FIELD_MESSAGES.createStatus }))
      .check(z.describe('DRAFT 或 SUBMITTED(默认)')),
  })
  .check(
    z.refine((v) => isProductUrlOf(v.platform, v.productUrl), {
      path: ['productUrl'],
      error: f.FIELD_MESSAGES.productUrlOfPlatform,
      // Checked whenever platform and URL are themselves valid, so it is listed beside other fields' errors.
      when: (payload) => urlOfPlatform.safeParse(payload.value).success,
    }),
    z.describe('创建采购意图'),
  );

export type CreateIntentInput = z.output<typeof createIntentSchema>;

/** Every create field is optional here; the platform/URL pairing is checked on the merged intent. */
export const updateIntentSchema = z
  .strictObject({
    userId: z.optional(f.userId),
    platform: z.optional(f.platform),
    productUrl: z.optional(f.productUrl),
    title: z.optional(f.title),
    price: z.optional(f.price),
    quantity: z.optional(f.quantity),
    recipientName: z.optional(f.recipientName),
    address: z.optional(f.address),
    phone: z.optional(f.phone),
    remarks: z.optional(f.remarks),
    status: z
      .optional(z.enum(['SUBMITTED', 'CANCELLED'], { error: f.FIELD_MESSAGES.updateStatus }))
      .check(z.describe('SUBMITTED 提交草稿;CANCELLED 取消已提交或处理中的意图')),
  })
  .check(z.describe('修改草稿、提交或取消采购意图'));

export type UpdateIntentInput = z.output<typeof updateIntentSchema>;
export type IntentEdits = Omit<UpdateIntentInput, 'status'>;

export function parseCreateIntent(body: Record<string, unknown>): CreateIntentInput {
  return validate(createIntentSchema, body, REQUIRED_CREATE_FIELDS);
}

export function parseUpdateIntent(body: Record<string, unknown>): UpdateIntentInput {
  const update = validate(updateIntentSchema, body);
  if (Object.keys(update).length === 0)
    throw validationError([{ field: 'body', message: MESSAGES.nothingToChange }], false);
  return update;
}

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!f.idempotencyKey.safeParse(header).success)
    throw validationError([{ field: 'Idempotency-Key', message: MESSAGES.idempotencyKey }], false);
  return header;
}
