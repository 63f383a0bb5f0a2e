// The intents store: the only module that knows how intents, their history and their deletion audit sit in the
// single table. Every write is one transaction (intent + history event (+ audit or idempotency claim)), conditional
// on the version that was read, so concurrent writers never lose an update. No write touches an item shared by an
// app's intents: the listing counters follow from the table's stream (shared/store/listing-counters.ts).
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ForbiddenError, NotFoundError, StatusConflictError } from '../domain/errors';
import { type Actor, type Intent, type IntentEvent, isIntentId } from '../domain/intent';
import { assertAllowed, trackingChanged } from '../domain/lifecycle';
import { createdIntent } from '../domain/public-view';
import { documentClient, tableName } from './client';
import { claimItem, findRecord, type IdempotencyClaim, replay, type StoredResponse } from './idempotency';
import { deletionAuditKey, EVENT_SK_PREFIX, eventKey, intentKey, intentPk, isStoreAttribute } from './keys/intent';
import { listingAttributes } from './listing-keys';
import { failedConditionAt, type TransactItem, transactWrite } from './transaction';

const notFound = (id: string) => new NotFoundError('intent', `no intent ${id}`);

/** The intent as stored: its fields, keys and listing index keys (also used by the batch create). */
export function intentItem(intent: Intent): Record<string, unknown> {
  const { pk, sk } = intentKey(intent.id);
  // Field by field, not `{ pk, sk, entity, ...intent }`: V8 copies a spread that is not first in a literal on a
  // slow path, several times the cost of the rest of the item.
  const item: Record<string, unknown> = { pk, sk, entity: 'intent' };
  for (const name in intent) item[name] = intent[name as keyof Intent];
  return listingAttributes(intent, item);
}

function intentOf(item: Record<string, unknown>): Intent {
  const intent: Record<string, unknown> = {};
  for (const name in item) if (!isStoreAttribute(name)) intent[name] = item[name];
  return intent as unknown as Intent;
}

/** The history event of a change (`before` null for a create), put only if that version has none yet. */
export function eventPut(before: Intent | null, after: Intent, actor: Actor): TransactItem {
  const { pk, sk } = eventKey(after.id, after.version);
  const item: Record<string, unknown> = {
    pk,
    sk,
    entity: 'intent-event',
    intentId: after.id,
    appId: after.appId,
    actor,
  };
  if (before) item.from = before.status;
  item.to = after.status;
  item.at = after.updatedAt;
  // A change that kept the status records the carrier and waybill it brought (the only such change there is).
  if (before && before.status === after.status) {
    item.trackingCompany = after.trackingCompany;
    item.trackingNumber = after.trackingNumber;
  }
  return {
    Put: {
      TableName: tableName(),
      Item: item,
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Everything creating these intents writes, as one transaction's items: each intent (only if its id is new) and its
 * first history event (`createItems`). The batch create writes this too, so a batch-created intent is stored exactly
 * like a single one; the listing counters follow from the stream (shared/counters). Its size decides how many
 * intents share one transaction (at most 100 items): see `createChunks` in ./batch.
 */
export function createWrites(intents: Intent[], actor: Actor): TransactItem[] {
  return intents.flatMap((intent) => createItems(intent, actor));
}

/** The intent as stored now (strongly consistent: callers decide and write on what they read), or null. */
export async function getIntent(id: string): Promise<Intent | null> {
  if (!isIntentId(id)) return null;
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: intentKey(id), ConsistentRead: true }),
  );
  return Item ? intentOf(Item) : null;
}

/** The intent if it belongs to `appId`: 404/40401 for unknown or malformed ids (checked before any read), 403/40302. */
export async function getOwnedIntent(appId: string, id: string): Promise<Intent> {
  if (!isIntentId(id)) throw notFound(id);
  const intent = await getIntent(id);
  if (!intent) throw notFound(id);
  if (intent.appId !== appId) throw new ForbiddenError(`intent ${id} belongs to another app`);
  return intent;
}

/** The writes of one create: the intent (only if new) and its first history event. */
export function createItems(intent: Intent, actor: Actor): TransactItem[] {
  return [
    { Put: { TableName: tableName(), Item: intentItem(intent), ConditionExpression: 'attribute_not_exists(pk)' } },
    eventPut(null, intent, actor),
  ];
}

export interface Created {
  response: StoredResponse;
  replayed: boolean;
}

/**
 * Creates the intent with its first history event. With an idempotency claim the key is taken in the same
 * transaction; when the key is already taken (a live record: look first with `findReplay`, so a duplicate costs one
 * read) the request that took it answers instead: its replay, or 409/40901 for another body.
 */
export async function createIntent(intent: Intent, actor: Actor, claim?: IdempotencyClaim): Promise<Created> {
  const response: StoredResponse = { status: 201, data: createdIntent(intent) };
  const items = createItems(intent, actor);
  if (claim) items.push(claimItem(claim, response));
  try {
    await transactWrite(items);
  } catch (error) {
    // A concurrent duplicate took the key first: answer as it did.
    if (claim && failedConditionAt(error, items.length - 1)) {
      const earlier = await findReplay(claim);
      if (earlier) return earlier;
    }
    throw error;
  }
  return { response, replayed: false };
}

/** The read step of a create with a key: the first request's answer again if the key is live, else undefined. */
export async function findReplay(claim: IdempotencyClaim): Promise<Created | undefined> {
  const record = await findRecord(claim);
  return record ? { response: replay(record, claim), replayed: true } : undefined;
}

/** Writes `after` over `before` if nobody changed it since it was read. */
async function writeChange(items: TransactItem[], id: string): Promise<void> {
  try {
    await transactWrite(items);
  } catch (error) {
    if (!failedConditionAt(error, 0)) throw error;
    // Someone else wrote (or deleted) it since we read it: tell the two apart.
    const now = await getIntent(id);
    if (!now) throw notFound(id);
    throw new StatusConflictError(`intent ${id} changed concurrently (now v${now.version})`);
  }
}

const versionIs = (version: number) => ({
  ConditionExpression: '#version = :version',
  ExpressionAttributeNames: { '#version': 'version' },
  ExpressionAttributeValues: { ':version': version },
});

/** Which intent a change is about, and what the caller requires of it. */
export interface IntentTarget {
  id: string;
  /** The partner's app: the intent must be its own (404/403). Absent for fulfilment and the ops CLI. */
  appId?: string;
  /** Refuse with a status conflict unless the intent is still at this version. */
  expectedVersion?: number;
}

/** The read step of a change: the intent as stored, owned and at the expected version, or a domain error. */
export async function readIntent(target: IntentTarget): Promise<Intent> {
  const { id, appId, expectedVersion } = target;
  const before = appId === undefined ? await getIntent(id) : await getOwnedIntent(appId, id);
  if (!before) throw notFound(id);
  if (expectedVersion !== undefined && before.version !== expectedVersion)
    throw new StatusConflictError(`expected v${expectedVersion}, found v${before.version}`);
  return before;
}

export interface TransitionOptions extends IntentTarget {
  /** The pure domain change; it decides afresh on every attempt whether the status allows it. */
  change: (intent: Intent) => Intent;
  actor: Actor;
  /** The intent as the caller already read it (`readIntent`): the first attempt writes over it without a read. */
  read?: Intent;
  /** Items that commit or fail with the change (an operator's claim); their failed condition is rethrown as
   * DynamoDB's, not as a status conflict. */
  also?: TransactItem[];
}

/**
 * Applies a pure domain change to an intent and writes it conditional on the version read, with (when the status
 * moved) a history event, in one transaction.
 */
export async function transition(options: TransitionOptions): Promise<Intent> {
  const { id, change, actor, expectedVersion, also = [] } = options;
  for (let attempt = 1; ; attempt++) {
    const before = attempt === 1 && options.read ? options.read : await readIntent(options);
    const after = change(before);
    // The domain hands the same intent back for a change that changes nothing (tracking already recorded).
    if (after === before) return before;
    const recorded = after.status !== before.status || trackingChanged(before, after);
    const items: TransactItem[] = [
      { Put: { TableName: tableName(), Item: intentItem(after), ...versionIs(before.version) } },
      ...(recorded ? [eventPut(before, after, actor)] : []),
      ...also,
    ];
    try {
      await writeChange(items, id);
      return after;
    } catch (error) {
      // Another writer got in between our read and our write (say fulfilment moved SUBMITTED to PROCESSING under
      // a partner's cancel). Unless the caller pinned a version, apply the change again to what is there now: the
      // domain decides afresh whether it is still allowed, and the write stays conditional, so nothing is lost.
      const movedOn = error instanceof StatusConflictError;
      if (!movedOn || expectedVersion !== undefined || attempt >= TRANSITION_ATTEMPTS) throw error;
    }
  }
}

const TRANSITION_ATTEMPTS = 3;

/**
 * Deletes an intent its status allows deleting, written over `before` as the caller read it (`readIntent`); it
 * leaves reads and counts, and an audit record remains.
 */
export async function deleteIntent(before: Intent, actor: Actor, now: string): Promise<void> {
  assertAllowed(before, 'delete');
  const { id, appId } = before;
  const items: TransactItem[] = [
    { Delete: { TableName: tableName(), Key: intentKey(id), ...versionIs(before.version) } },
    {
      Put: {
        TableName: tableName(),
        // What was deleted, by whom and when; no phone or address is kept beyond the intent's life.
        Item: {
          ...deletionAuditKey(id),
          entity: 'intent-audit',
          action: 'DELETE',
          intentId: id,
          appId,
          actor,
          at: now,
          status: before.status,
          version: before.version,
          userId: before.userId,
          platform: before.platform,
          totalAmountFen: before.totalAmountFen,
          createdAt: before.createdAt,
        },
      },
    },
  ];
  await writeChange(items, id);
}

/** The intent's status history, oldest first. */
export async function listEvents(id: string): Promise<IntentEvent[]> {
  const events: IntentEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': intentPk(id), ':prefix': EVENT_SK_PREFIX },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? [])
      events.push({
        intentId: id,
        actor: item.actor,
        from: item.from,
        to: item.to,
        at: item.at,
        trackingCompany: item.trackingCompany,
        trackingNumber: item.trackingNumber,
      });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return events;
}
