// Webhook delivery records: one item per delivery (an event to an app's webhook), updated by every attempt, so the
// console can show what happened and redeliver what failed. The sender writes them; a failed write never holds up
// or repeats a delivery (the sender logs it and carries on).

import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { encodeTime } from 'ulid';
import type { Delivery, DeliveryState } from '../console/schemas';
import { documentClient, tableName } from '../store/client';
import { deliveriesPk, deliveryKey } from '../store/keys/console';
import type { DeliveryResult } from './attempt';
import type { OutgoingEvent } from './event';

/** Records are kept for 30 days (the table's TTL attribute). */
export const DELIVERY_RECORD_DAYS = 30;

/**
 * Time-ordered (the event's time, so a Query lists newest first) and derived from the event id, so every attempt
 * of one event, on SQS or locally, updates the same item.
 */
export function deliveryIdFor(event: Pick<OutgoingEvent, 'eventId' | 'occurredAt'>): string {
  const at = Date.parse(event.occurredAt);
  const time = encodeTime(Number.isFinite(at) ? at : 0, 10);
  return `dlv_${time}${createHash('sha256').update(event.eventId).digest('hex').slice(0, 16)}`;
}

export const DELIVERY_ID_PATTERN = /^dlv_[0-9A-HJKMNP-TV-Z]{10}[0-9a-f]{16}$/;

export interface DeliveryItem extends Delivery {
  appId: string;
  /** What is sent again on redelivery (the intent as the partner sees it: phone masked). */
  event: OutgoingEvent;
}

export interface AttemptOutcome {
  result: DeliveryResult;
  /** Seconds until the next attempt; null when this was the last one (dead-lettered). */
  retryInSeconds: number | null;
  now?: Date;
}

function stateOf({ result, retryInSeconds }: AttemptOutcome): DeliveryState {
  if (result.ok) return 'DELIVERED';
  return retryInSeconds === null ? 'DEAD' : 'FAILED';
}

/** Records one queued attempt (creating the record on the first). A late failure never overwrites DELIVERED. */
export async function recordAttempt(appId: string, event: OutgoingEvent, outcome: AttemptOutcome): Promise<void> {
  const now = outcome.now ?? new Date();
  const state = stateOf(outcome);
  const { result } = outcome;
  const sets = [
    'deliveryId = :id',
    'appId = :appId',
    'eventId = :eventId',
    '#type = :type',
    '#event = if_not_exists(#event, :event)',
    'createdAt = if_not_exists(createdAt, :now)',
    'updatedAt = :now',
    '#state = :state',
    'expiresAt = :ttl',
  ];
  const removes: string[] = [];
  const values: Record<string, unknown> = {
    ':id': deliveryIdFor(event),
    ':appId': appId,
    ':eventId': event.eventId,
    ':type': event.type,
    ':event': event,
    ':now': now.toISOString(),
    ':state': state,
    ':ttl': Math.floor(now.getTime() / 1000) + DELIVERY_RECORD_DAYS * 86_400,
    ':one': 1,
    ':delivered': 'DELIVERED',
  };
  const intentId = typeof event.data.id === 'string' ? event.data.id : undefined;
  if (intentId) {
    sets.push('intentId = :intentId');
    values[':intentId'] = intentId;
  }
  setOrRemove(sets, removes, values, 'lastStatus', result.status);
  setOrRemove(sets, removes, values, 'lastError', result.ok ? undefined : result.error);
  const next =
    state === 'FAILED' ? new Date(now.getTime() + (outcome.retryInSeconds ?? 0) * 1000).toISOString() : undefined;
  setOrRemove(sets, removes, values, 'nextAttemptAt', next);
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: deliveryKey(appId, deliveryIdFor(event)),
        UpdateExpression: `SET ${sets.join(', ')} ADD attempts :one${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: result.ok ? undefined : 'attribute_not_exists(#state) OR #state <> :delivered',
        ExpressionAttributeNames: { '#type': 'type', '#state': 'state', '#event': 'event' },
        ExpressionAttributeValues: result.ok ? withoutKey(values, ':delivered') : values,
      }),
    );
  } catch (error) {
    // Already delivered (a redelivery got there first): this late failure changes nothing.
    if ((error as Error).name === 'ConditionalCheckFailedException') return;
    throw error;
  }
}

function withoutKey(values: Record<string, unknown>, key: string) {
  const { [key]: _dropped, ...rest } = values;
  return rest;
}

function setOrRemove(
  sets: string[],
  removes: string[],
  values: Record<string, unknown>,
  field: string,
  value: string | number | undefined,
) {
  if (value === undefined) removes.push(field);
  else {
    sets.push(`${field} = :${field}`);
    values[`:${field}`] = value;
  }
}

/** A manual redelivery's attempt: DELIVERED when it worked, otherwise the state stays what it was. */
export async function recordRedelivery(
  item: DeliveryItem,
  result: DeliveryResult,
  now = new Date(),
): Promise<DeliveryItem> {
  const updated: DeliveryItem = {
    ...item,
    attempts: item.attempts + 1,
    updatedAt: now.toISOString(),
    state: result.ok ? 'DELIVERED' : item.state,
  };
  if (result.status === undefined) delete updated.lastStatus;
  else updated.lastStatus = result.status;
  if (result.ok) {
    delete updated.lastError;
    delete updated.nextAttemptAt;
  } else updated.lastError = result.error;
  const sets = ['attempts = attempts + :one', 'updatedAt = :now', '#state = :state'];
  const removes: string[] = [];
  const values: Record<string, unknown> = { ':one': 1, ':now': updated.updatedAt, ':state': updated.state };
  setOrRemove(sets, removes, values, 'lastStatus', updated.lastStatus);
  setOrRemove(sets, removes, values, 'lastError', updated.lastError);
  if (result.ok) removes.push('nextAttemptAt');
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: deliveryKey(item.appId, item.deliveryId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: values,
    }),
  );
  return updated;
}

export async function getDelivery(appId: string, deliveryId: string): Promise<DeliveryItem | undefined> {
  const out = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: deliveryKey(appId, deliveryId), ConsistentRead: true }),
  );
  return out.Item ? (out.Item as DeliveryItem) : undefined;
}

/** The app's latest deliveries, newest first. */
export async function listDeliveries(appId: string, limit: number): Promise<Delivery[]> {
  const out = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': deliveriesPk(appId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((item) => publicDelivery(item as DeliveryItem));
}

/** What the console shows: the record without its stored event and store attributes. */
export function publicDelivery(item: DeliveryItem): Delivery {
  const { deliveryId, eventId, type, intentId, attempts, lastStatus, lastError, state, nextAttemptAt } = item;
  return {
    deliveryId,
    eventId,
    type,
    ...(intentId ? { intentId } : {}),
    attempts,
    ...(lastStatus !== undefined ? { lastStatus } : {}),
    ...(lastError ? { lastError } : {}),
    state,
    ...(nextAttemptAt ? { nextAttemptAt } : {}),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
