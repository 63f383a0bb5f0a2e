// Every operator action goes into the audit log with the operator's identity: the operators' own log (all
// organisations) and, when the action touches an organisation's app, that organisation's log too, so its owners see
// what the platform team did.

import { OPERATORS_AUDIT_ID } from '../store/keys/console';
import type { TransactItem } from '../store/transaction';
import { type AuditAction, type AuditInput, auditPut, recordAudit } from './audit';
import type { OpsRequest } from './ops-http';

export interface OpsAuditTarget {
  appId?: string;
  orgId?: string;
  detail?: Record<string, unknown>;
}

function entries(req: OpsRequest, action: AuditAction, target: OpsAuditTarget): AuditInput[] {
  const { sub, email, sourceIp } = req.operator;
  const entry = {
    actor: { sub, email },
    action,
    ...(target.appId ? { appId: target.appId } : {}),
    sourceIp,
    ...(target.detail ? { detail: target.detail } : {}),
  };
  return [
    { orgId: OPERATORS_AUDIT_ID, ...entry },
    ...(target.orgId ? [{ orgId: target.orgId, ...entry, detail: { ...target.detail, byOperator: true } }] : []),
  ];
}

/** The entries as writes of the change's own transaction. */
export function opsAuditPuts(req: OpsRequest, action: AuditAction, target: OpsAuditTarget): TransactItem[] {
  return entries(req, action, target).map((e) => auditPut(e));
}

/** For actions whose change is not one transaction (a redrive is an HTTP call). */
export async function recordOpsAudit(req: OpsRequest, action: AuditAction, target: OpsAuditTarget): Promise<void> {
  await Promise.all(entries(req, action, target).map((e) => recordAudit(e)));
}
