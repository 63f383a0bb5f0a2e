// Requests and responses of the operator routes (/console/api/ops): one zod schema each, the source of the
// handlers' validation and of the web app's types (console/ imports this file: no node or AWS imports here).
import * as z from 'zod/mini';
import { PLATFORMS } from '../domain/intent';
import { isPriceTolerancePercent } from '../domain/price-tolerance';
import { FAILURE_CODES } from '../fulfilment/failure-codes';
import { OPS_MESSAGES } from '../http/messages';
import { consoleIntentSchema, deliverySchema } from './schemas';

const digits = (max: number, message: string) =>
  z.string({ error: message }).check(z.refine((s) => /^\d{1,6}$/.test(s) && Number(s) <= max, { error: message }));

export const opsQueueQuerySchema = z.strictObject({
  platform: z.optional(z.enum(PLATFORMS, { error: OPS_MESSAGES.platform(PLATFORMS) })),
  orgId: z.optional(
    z.string({ error: OPS_MESSAGES.orgId }).check(z.regex(/^org_[a-z0-9_]{1,64}$/, { error: OPS_MESSAGES.orgId })),
  ),
  /** Only intents waiting at least this long. */
  minAgeMinutes: z.optional(digits(100_000, OPS_MESSAGES.minAgeMinutes)),
});
export type OpsQueueQuery = z.output<typeof opsQueueQuerySchema>;

const orderId = z
  .string({ error: OPS_MESSAGES.orderId })
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: OPS_MESSAGES.orderId }));
const trackingNumber = z
  .string({ error: OPS_MESSAGES.trackingNumber })
  .check(z.regex(/^[A-Za-z0-9-]{1,64}$/, { error: OPS_MESSAGES.trackingNumber }));
const trackingCompany = z
  .string({ error: OPS_MESSAGES.trackingCompany })
  .check(z.refine((s) => s.trim().length > 0 && [...s].length <= 50, { error: OPS_MESSAGES.trackingCompany }));

/** Yuan with at most two decimals, more than 0, at most the contract's largest price. */
export const isPaidPrice = (n: number) =>
  Number.isFinite(n) && n > 0 && n <= 1_000_000 && /^\d+(\.\d{1,2})?$/.test(String(n));

export const completeRequestSchema = z
  .strictObject({
    orderId,
    paidPrice: z
      .number({ error: OPS_MESSAGES.paidPrice })
      .check(z.refine(isPaidPrice, { error: OPS_MESSAGES.paidPrice })),
    trackingNumber: z.optional(trackingNumber),
    trackingCompany: z.optional(trackingCompany),
  })
  .check(
    z.refine((b) => (b.trackingNumber === undefined) === (b.trackingCompany === undefined), {
      error: OPS_MESSAGES.trackingPair,
      path: ['trackingCompany'],
    }),
  );
export type CompleteRequest = z.output<typeof completeRequestSchema>;

export const trackingRequestSchema = z.strictObject({ trackingNumber, trackingCompany });
export type TrackingRequest = z.output<typeof trackingRequestSchema>;

export const failRequestSchema = z.strictObject({
  failureCode: z.enum(FAILURE_CODES as [string, ...string[]], { error: OPS_MESSAGES.failureCode(FAILURE_CODES) }),
  failureReason: z
    .string({ error: OPS_MESSAGES.failureReason })
    .check(z.refine((s) => s.trim().length > 0 && [...s].length <= 200, { error: OPS_MESSAGES.failureReason })),
});
export type FailRequest = z.output<typeof failRequestSchema>;

const limit = z
  .number({ error: OPS_MESSAGES.limit })
  .check(
    z.int({ error: OPS_MESSAGES.limit }),
    z.gte(1, { error: OPS_MESSAGES.limit }),
    z.lte(10_000, { error: OPS_MESSAGES.limit }),
  );

export const opsAppUpdateRequestSchema = z.strictObject({
  status: z.optional(z.enum(['ACTIVE', 'DISABLED'], { error: OPS_MESSAGES.status })),
  limits: z.optional(
    z.strictObject({ create: z.optional(limit), query: z.optional(limit), update: z.optional(limit) }),
  ),
  priceTolerancePercent: z.optional(
    z
      .number({ error: OPS_MESSAGES.priceTolerancePercent })
      .check(z.refine(isPriceTolerancePercent, { error: OPS_MESSAGES.priceTolerancePercent })),
  ),
});
export type OpsAppUpdateRequest = z.output<typeof opsAppUpdateRequestSchema>;

/** One delivery, or (no deliveryId) every dead letter of the app. */
export const redriveRequestSchema = z.strictObject({
  deliveryId: z.optional(
    z
      .string({ error: OPS_MESSAGES.deliveryId })
      .check(z.regex(/^dlv_[0-9A-Za-z]{1,64}$/, { error: OPS_MESSAGES.deliveryId })),
  ),
});
export type RedriveRequest = z.output<typeof redriveRequestSchema>;

export const stuckQuerySchema = z.strictObject({
  /** Waiting longer than this (default: the watchdog's 60). */
  minutes: z.optional(digits(100_000, OPS_MESSAGES.minAgeMinutes)),
});
export type StuckQuery = z.output<typeof stuckQuerySchema>;

export const createOrgRequestSchema = z.strictObject({
  name: z
    .string({ error: OPS_MESSAGES.orgName })
    .check(z.refine((s) => s.trim().length > 0 && [...s].length <= 64, { error: OPS_MESSAGES.orgName })),
  ownerEmail: z
    .string({ error: OPS_MESSAGES.email })
    .check(z.maxLength(254, { error: OPS_MESSAGES.email }), z.email({ error: OPS_MESSAGES.email })),
});
export type CreateOrgRequest = z.output<typeof createOrgRequestSchema>;

// ---- responses ----

export const claimSchema = z.object({
  holderEmail: z.string(),
  claimedAt: z.string(),
  expiresAt: z.string(),
  /** The caller holds it. */
  mine: z.boolean(),
});
export type ClaimView = z.output<typeof claimSchema>;

export const queueEntrySchema = z.object({
  id: z.string(),
  appId: z.string(),
  appName: z.string(),
  orgId: z.optional(z.string()),
  platform: z.enum(PLATFORMS),
  productUrl: z.string(),
  title: z.string(),
  price: z.number(),
  quantity: z.number(),
  totalAmount: z.number(),
  /** When it became PROCESSING (its last change): the age counts from here. */
  waitingSince: z.string(),
  ageMinutes: z.number(),
  claim: z.optional(claimSchema),
});
export type QueueEntry = z.output<typeof queueEntrySchema>;

export const queueResponseSchema = z.object({
  /** Oldest first. */
  items: z.array(queueEntrySchema),
  total: z.number(),
  /** Waiting intents per platform (the filter's platform and organisation apply, the age does not). */
  countsByPlatform: z.record(z.string(), z.number()),
  /** Platforms fulfilled by people (the manual adapter): what the queue holds. */
  manualPlatforms: z.array(z.string()),
});
export type QueueResponse = z.output<typeof queueResponseSchema>;

/** What an operator needs to place the order: the intent with the full phone, its claim and the price ceiling. */
export const opsIntentSchema = z.object({
  intent: consoleIntentSchema,
  appId: z.string(),
  appName: z.string(),
  claim: z.optional(claimSchema),
  priceTolerancePercent: z.number(),
  /** The highest unit price (yuan) it may be completed at. */
  maxPaidPrice: z.number(),
  paidPrice: z.optional(z.number()),
});
export type OpsIntent = z.output<typeof opsIntentSchema>;

export const opsAppSchema = z.object({
  appId: z.string(),
  name: z.string(),
  status: z.enum(['ACTIVE', 'DISABLED']),
  orgId: z.optional(z.string()),
  limits: z.object({ create: z.number(), query: z.number(), update: z.number() }),
  priceTolerancePercent: z.number(),
  updatedAt: z.string(),
});
export type OpsApp = z.output<typeof opsAppSchema>;

export const opsAppsResponseSchema = z.object({ items: z.array(opsAppSchema) });
export type OpsAppsResponse = z.output<typeof opsAppsResponseSchema>;

export const deadLettersResponseSchema = z.object({
  apps: z.array(z.object({ appId: z.string(), appName: z.string(), items: z.array(deliverySchema) })),
});
export type DeadLettersResponse = z.output<typeof deadLettersResponseSchema>;

export const redriveResponseSchema = z.object({
  results: z.array(
    z.object({
      deliveryId: z.string(),
      ok: z.boolean(),
      status: z.optional(z.number()),
      error: z.optional(z.string()),
    }),
  ),
});
export type RedriveResponse = z.output<typeof redriveResponseSchema>;

export const stuckEntrySchema = z.object({
  id: z.string(),
  appId: z.string(),
  appName: z.string(),
  platform: z.string(),
  status: z.string(),
  updatedAt: z.string(),
  ageMinutes: z.number(),
});
export type StuckEntry = z.output<typeof stuckEntrySchema>;

export const stuckResponseSchema = z.object({
  cutoff: z.string(),
  items: z.array(stuckEntrySchema),
});
export type StuckResponse = z.output<typeof stuckResponseSchema>;

export const createdOrgResponseSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  memberId: z.string(),
  email: z.string(),
  role: z.string(),
  /** The local runtime's only; on AWS Cognito mails it. */
  temporaryPassword: z.optional(z.string()),
});
export type CreatedOrgResponse = z.output<typeof createdOrgResponseSchema>;
