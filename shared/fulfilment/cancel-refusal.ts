// A platform that refuses to cancel the order of an intent the partner cancelled (JD: already shipped): the intent
// stays CANCELLED as the contract says, and operators must act (intercept the parcel, or return it through JD's
// after-sales). They are told in the console's audit log of the organisation that owns the app, beside the record
// in the intent's partition; an app no organisation owns (made with the apps CLI) has only the latter and the log.
import { describeApp } from '../apps/registry';
import { type AuditInput, auditPut } from '../console/audit';
import type { Intent } from '../domain/intent';
import { recordCancelRefusal } from '../store/platform-orders';

/** The audit log's name for it, beside the console's own actions. */
export const CANCEL_REFUSED_ACTION = 'platform.cancel_refused';

export function cancelRefusedAudit(orgId: string, intent: Intent, orderId: string, reason: string): AuditInput {
  return {
    orgId,
    // No person did it: the fulfilment pipeline reports what the platform answered.
    actor: { sub: 'system', email: `system (${intent.platform})` },
    action: CANCEL_REFUSED_ACTION,
    appId: intent.appId,
    sourceIp: '-',
    // Ids and the platform's answer only: no recipient, phone or address.
    detail: { intentId: intent.id, platform: intent.platform, orderId, reason },
  };
}

/** Records the refusal once (a redelivered record writes nothing), with the console entry when an organisation owns
 * the app. */
export async function reportCancelRefusal(intent: Intent, orderId: string, reason: string, at: Date): Promise<void> {
  const orgId = (await describeApp(intent.appId))?.orgId;
  const also = orgId ? [auditPut(cancelRefusedAudit(orgId, intent, orderId, reason), at)] : [];
  await recordCancelRefusal(intent, orderId, reason, at.toISOString(), also);
}
