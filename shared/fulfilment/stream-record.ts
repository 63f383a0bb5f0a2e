// Reads status changes out of DynamoDB stream records. Only intent items count (the table also holds apps,
// counters, history and rate-limit items); a record is a change when the status differs from the old image's.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { type Intent, type IntentStatus, isIntentId, STATUSES } from '../domain/intent';
import { trackingChanged } from '../domain/lifecycle';
import { isStoreAttribute } from '../store/intent-keys';

export interface StatusChange {
  intent: Intent;
  /** null when the item was created in this status. */
  previousStatus: IntentStatus | null;
}

type Image = Record<string, AttributeValue>;

function isStatus(value: unknown): value is IntentStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** The intent an image holds, or undefined for any other item (or none). */
export function intentOf(image: Image | undefined): Intent | undefined {
  // Judged on the raw attributes first: other items (apps, counters) may hold shapes not worth decoding, and the
  // Streams API client used locally hands an empty map over as `{}`, which unmarshall refuses.
  const rawId = image?.id?.S;
  if (!image || !rawId || !isIntentId(rawId) || image.entity?.S !== 'intent') return undefined;
  const item = Object.fromEntries(Object.entries(unmarshall(image)).filter(([name]) => !isStoreAttribute(name)));
  if (typeof item.id !== 'string' || !isIntentId(item.id)) return undefined;
  if (!isStatus(item.status) || typeof item.version !== 'number' || typeof item.appId !== 'string') return undefined;
  return item as unknown as Intent;
}

/** The status change a record carries, or undefined (not an intent, a removal, or an edit that kept the status). */
export function statusChangeOf(record: DynamoDBRecord): StatusChange | undefined {
  if (record.eventName === 'REMOVE') return undefined;
  const intent = intentOf(record.dynamodb?.NewImage as Image | undefined);
  if (!intent) return undefined;
  const before = intentOf(record.dynamodb?.OldImage as Image | undefined);
  if (before?.status === intent.status) return undefined;
  return { intent, previousStatus: before?.status ?? null };
}

/** The intent a record carries when it gained a carrier or waybill without changing status, or undefined. */
export function trackingChangeOf(record: DynamoDBRecord): Intent | undefined {
  if (record.eventName !== 'MODIFY') return undefined;
  const intent = intentOf(record.dynamodb?.NewImage as Image | undefined);
  const before = intentOf(record.dynamodb?.OldImage as Image | undefined);
  if (!intent || !before || before.status !== intent.status || !trackingChanged(before, intent)) return undefined;
  return intent.trackingNumber ? intent : undefined;
}
