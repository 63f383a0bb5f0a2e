// Requests and responses of the console API (/console/api): one zod schema each, the source of the handlers'
// validation and of the web app's types (console/ imports this file, so it stays free of node and AWS imports).
import * as z from 'zod/mini';
import { CONSOLE_MESSAGES } from '../http/messages';
import { isCidr } from './cidr';

export const MAX_WHITELIST_ENTRIES = 50;
export const MAX_GRACE_HOURS = 168;

export const consoleRoleSchema = z.enum(['owner', 'developer', 'viewer'], { error: CONSOLE_MESSAGES.role });
export type ConsoleRole = z.output<typeof consoleRoleSchema>;

const appName = z
  .string({ error: CONSOLE_MESSAGES.appName })
  .check(z.refine((s) => s.trim().length > 0 && [...s].length <= 64, { error: CONSOLE_MESSAGES.appName }));

const cidr = z.string({ error: CONSOLE_MESSAGES.cidr }).check(z.refine(isCidr, { error: CONSOLE_MESSAGES.cidr }));

const ipWhitelist = z
  .array(cidr, { error: CONSOLE_MESSAGES.ipWhitelist })
  .check(z.maxLength(MAX_WHITELIST_ENTRIES, { error: CONSOLE_MESSAGES.ipWhitelist }));

/** The URL's shape only; the server also runs the webhook sender's guard (scheme, private targets). */
function isHttpUrl(s: string): boolean {
  if (s.length > 2048) return false;
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const webhookUrl = z
  .string({ error: CONSOLE_MESSAGES.webhookUrl })
  .check(z.refine(isHttpUrl, { error: CONSOLE_MESSAGES.webhookUrl }));

// ---- requests ----

export const createAppRequestSchema = z.strictObject({
  name: appName,
  ipWhitelist: z.optional(ipWhitelist),
  webhookUrl: z.optional(webhookUrl),
});
export type CreateAppRequest = z.output<typeof createAppRequestSchema>;

/** `webhookUrl: null` removes the webhook. */
export const updateAppRequestSchema = z.strictObject({
  name: z.optional(appName),
  ipWhitelist: z.optional(ipWhitelist),
  webhookUrl: z.optional(z.nullable(webhookUrl)),
});
export type UpdateAppRequest = z.output<typeof updateAppRequestSchema>;

/** `graceHours: null` keeps the previous secret valid until it is revoked; 0 drops it at once. */
export const rotateSecretRequestSchema = z.strictObject({
  graceHours: z.nullable(
    z
      .number({ error: CONSOLE_MESSAGES.graceHours })
      .check(
        z.int({ error: CONSOLE_MESSAGES.graceHours }),
        z.gte(0, { error: CONSOLE_MESSAGES.graceHours }),
        z.lte(MAX_GRACE_HOURS, { error: CONSOLE_MESSAGES.graceHours }),
      ),
  ),
});
export type RotateSecretRequest = z.output<typeof rotateSecretRequestSchema>;

export const inviteMemberRequestSchema = z.strictObject({
  email: z
    .string({ error: CONSOLE_MESSAGES.email })
    .check(z.maxLength(254, { error: CONSOLE_MESSAGES.email }), z.email({ error: CONSOLE_MESSAGES.email })),
  role: consoleRoleSchema,
});
export type InviteMemberRequest = z.output<typeof inviteMemberRequestSchema>;

const limitParam = z
  .string({ error: CONSOLE_MESSAGES.limit })
  .check(z.refine((s) => /^\d{1,3}$/.test(s) && Number(s) >= 1 && Number(s) <= 100, { error: CONSOLE_MESSAGES.limit }));

export const deliveriesQuerySchema = z.strictObject({ limit: z.optional(limitParam) });
export type DeliveriesQuery = z.output<typeof deliveriesQuerySchema>;

export const auditQuerySchema = z.strictObject({
  limit: z.optional(limitParam),
  cursor: z.optional(
    z
      .string({ error: CONSOLE_MESSAGES.cursor })
      .check(z.regex(/^[A-Za-z0-9_-]{1,512}$/, { error: CONSOLE_MESSAGES.cursor })),
  ),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

// ---- responses ----

export const meSchema = z.object({
  sub: z.string(),
  email: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: consoleRoleSchema,
  /** The caller's address as the API sees it: the hint beside the IP whitelist. */
  sourceIp: z.string(),
  operator: z.boolean(),
});
export type Me = z.output<typeof meSchema>;

export const consoleAppSchema = z.object({
  appId: z.string(),
  name: z.string(),
  status: z.enum(['ACTIVE', 'DISABLED']),
  ipWhitelist: z.array(z.string()),
  webhookUrl: z.optional(z.string()),
  /** The effective per-second limits; read-only in the console. */
  limits: z.object({ create: z.number(), query: z.number(), update: z.number() }),
  /** Newest first; never the secret itself. */
  secrets: z.array(z.object({ createdAt: z.string(), expiresAt: z.optional(z.string()) })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConsoleApp = z.output<typeof consoleAppSchema>;

export const appsListResponseSchema = z.object({ items: z.array(consoleAppSchema) });
export type AppsListResponse = z.output<typeof appsListResponseSchema>;

/** The one response that carries an App Secret (create and rotate). */
export const appWithSecretResponseSchema = z.object({ app: consoleAppSchema, appSecret: z.string() });
export type AppWithSecretResponse = z.output<typeof appWithSecretResponseSchema>;

export const webhookTestResponseSchema = z.object({
  ok: z.boolean(),
  status: z.optional(z.number()),
  latencyMs: z.number(),
  error: z.optional(z.string()),
});
export type WebhookTestResponse = z.output<typeof webhookTestResponseSchema>;

export const deliveryStateSchema = z.enum(['PENDING', 'DELIVERED', 'FAILED', 'DEAD']);
export type DeliveryState = z.output<typeof deliveryStateSchema>;

export const deliverySchema = z.object({
  deliveryId: z.string(),
  eventId: z.string(),
  type: z.string(),
  intentId: z.optional(z.string()),
  attempts: z.number(),
  lastStatus: z.optional(z.number()),
  lastError: z.optional(z.string()),
  state: deliveryStateSchema,
  nextAttemptAt: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Delivery = z.output<typeof deliverySchema>;

export const deliveriesListResponseSchema = z.object({ items: z.array(deliverySchema) });
export type DeliveriesListResponse = z.output<typeof deliveriesListResponseSchema>;

/** An intent as GET /api/v1/intents/{id} answers it (phone masked, money in yuan). */
export const consoleIntentSchema = z.object({
  id: z.string(),
  userId: z.string(),
  platform: z.string(),
  productUrl: z.string(),
  title: z.string(),
  price: z.number(),
  quantity: z.number(),
  totalAmount: z.number(),
  recipientName: z.string(),
  address: z.string(),
  phone: z.string(),
  remarks: z.optional(z.string()),
  status: z.string(),
  statusMessage: z.optional(z.string()),
  failureCode: z.optional(z.string()),
  failureReason: z.optional(z.string()),
  orderId: z.optional(z.string()),
  trackingNumber: z.optional(z.string()),
  trackingCompany: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.optional(z.string()),
  completedAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
});
export type ConsoleIntent = z.output<typeof consoleIntentSchema>;

/** GET /api/v1/intents's data; items carry the list fields (or only those `fields=` asked for). */
export const intentListResponseSchema = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  totalPages: z.number(),
  nextCursor: z.optional(z.string()),
});
export type IntentListResponse = z.output<typeof intentListResponseSchema>;

export const intentEventSchema = z.object({
  actor: z.optional(z.string()),
  from: z.optional(z.nullable(z.string())),
  to: z.string(),
  at: z.string(),
});
export const intentEventsResponseSchema = z.object({ id: z.string(), items: z.array(intentEventSchema) });
export type IntentEventsResponse = z.output<typeof intentEventsResponseSchema>;

export const memberSchema = z.object({
  memberId: z.string(),
  email: z.string(),
  role: consoleRoleSchema,
  createdAt: z.string(),
});
export type Member = z.output<typeof memberSchema>;

export const membersListResponseSchema = z.object({ items: z.array(memberSchema) });
export type MembersListResponse = z.output<typeof membersListResponseSchema>;

/** `temporaryPassword` only on the local runtime (Cognito mails it on AWS). */
export const invitedMemberResponseSchema = z.extend(memberSchema, { temporaryPassword: z.optional(z.string()) });
export type InvitedMemberResponse = z.output<typeof invitedMemberResponseSchema>;

export const removedMemberResponseSchema = z.object({ memberId: z.string(), removed: z.literal(true) });
export type RemovedMemberResponse = z.output<typeof removedMemberResponseSchema>;

export const auditEntrySchema = z.object({
  at: z.string(),
  actor: z.object({ sub: z.string(), email: z.string() }),
  action: z.string(),
  appId: z.optional(z.string()),
  sourceIp: z.string(),
  detail: z.optional(z.record(z.string(), z.unknown())),
});
export type AuditEntry = z.output<typeof auditEntrySchema>;

export const auditListResponseSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.optional(z.string()),
});
export type AuditListResponse = z.output<typeof auditListResponseSchema>;
