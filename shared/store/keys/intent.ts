// Key shapes of an intent's items, in one place. An intent's partition holds the intent itself, its status
// history (oldest first by version) and, once deleted, the audit record of the deletion.

export const INTENT_SK = 'INTENT';
export const EVENT_SK_PREFIX = 'EVENT#';

export const intentPk = (id: string) => `INTENT#${id}`;

export function intentKey(id: string) {
  return { pk: intentPk(id), sk: INTENT_SK };
}

/** Versions are unique per intent and only grow, so zero-padded they sort the history in the order it happened. */
export function eventKey(id: string, version: number) {
  return { pk: intentPk(id), sk: `${EVENT_SK_PREFIX}${String(version).padStart(10, '0')}` };
}

export function deletionAuditKey(id: string) {
  return { pk: intentPk(id), sk: 'AUDIT#DELETED' };
}

/** A platform's order id → the intent that placed it: platform messages name only their own order ids. */
export function platformOrderKey(platform: string, orderId: string) {
  return { pk: `ORDER#${platform}#${orderId}`, sk: 'ORDER' };
}

/** One per refused order: the platform would not cancel the order of an intent the partner cancelled. */
export function cancelRefusedAuditKey(id: string, orderId: string) {
  return { pk: intentPk(id), sk: `AUDIT#CANCEL_REFUSED#${orderId}` };
}

/** Scoped by app: two apps may use the same Idempotency-Key without meeting. */
export function idempotencyKey(appId: string, key: string) {
  return { pk: `IDEMPOTENCY#${appId}#${key}`, sk: 'IDEMPOTENCY' };
}

/** Attributes that belong to the table, not to the intent. */
export function isStoreAttribute(name: string): boolean {
  return name === 'pk' || name === 'sk' || name === 'entity' || /^gsi\d+(pk|sk)$/.test(name);
}

/** The listing counters' dedupe marker of an intent: the last version its stream records were counted up to. */
export function countedMarkerKey(id: string) {
  return { pk: intentPk(id), sk: 'COUNTED' };
}
