// The organisation's audit log: who did what, to which app, when and from where. An entry is written in the same
// transaction as the change it records where the change is a write (so neither exists without the other).
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { documentClient, tableName } from '../store/client';
import { auditKey, auditPk } from '../store/keys/console';
import type { TransactItem } from '../store/transaction';
import type { AuditEntry } from './schemas';

export interface AuditInput extends Omit<AuditEntry, 'at'> {
  orgId: string;
}

/** The console's actions, named once. */
export type AuditAction =
  | 'app.create'
  | 'app.update'
  | 'app.disable'
  | 'app.enable'
  | 'secret.rotate'
  | 'secret.revoke_previous'
  | 'webhook.test'
  | 'delivery.redeliver'
  | 'member.invite'
  | 'member.remove'
  // Operators' actions (operator console): in the operators' log and in the organisation's whose app they touch.
  | 'ops.claim'
  | 'ops.release'
  | 'ops.complete'
  | 'ops.fail'
  | 'ops.tracking'
  | 'ops.retry'
  | 'ops.org.create'
  | 'ops.app.update'
  | 'ops.redrive';

function itemOf(input: AuditInput, now: Date) {
  const { orgId, ...entry } = input;
  // ULIDs sort by time, so the sort key orders the log; the time is kept readable beside it.
  return { ...auditKey(orgId, ulid(now.getTime())), type: 'AUDIT', ...entry, at: now.toISOString() };
}

/** The entry as one write of a transaction. */
export function auditPut(input: AuditInput, now = new Date()): TransactItem {
  return { Put: { TableName: tableName(), Item: itemOf(input, now) } };
}

/** An entry for an action that changes nothing in the table (a webhook test). */
export async function recordAudit(input: AuditInput, now = new Date()): Promise<void> {
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: itemOf(input, now) }));
}

export class BadCursorError extends Error {
  constructor() {
    super('audit cursor is not one this API issued');
    this.name = 'BadCursorError';
  }
}

const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!ULID_PATTERN.test(sk)) throw new BadCursorError();
  return sk;
}

/** Newest first, `limit` at a time; `nextCursor` continues after the last entry returned. */
export async function listAudit(
  orgId: string,
  limit: number,
  cursor?: string,
): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
  const start = cursor ? auditKey(orgId, decodeCursor(cursor)) : undefined;
  const out = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': auditPk(orgId) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  const items = (out.Items ?? []).map((item) => {
    const { at, actor, action, appId, sourceIp, detail } = item as AuditEntry;
    return { at, actor, action, ...(appId ? { appId } : {}), sourceIp, ...(detail ? { detail } : {}) };
  });
  const last = out.LastEvaluatedKey?.sk as string | undefined;
  return { items, ...(last ? { nextCursor: Buffer.from(last, 'utf8').toString('base64url') } : {}) };
}
