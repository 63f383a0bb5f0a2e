// Key shapes of the console's items: organisations, members, app ownership, the audit log and webhook deliveries.
// The one module that knows them (ElectroDB style: `#` between segments, an entity prefix per partition).

/** The organisation and, in the same partition, its members and the apps it owns. */
export const orgPk = (orgId: string) => `ORG#${orgId}`;
export const ORG_SK = 'ORG';
export const MEMBER_SK_PREFIX = 'MEMBER#';
export const ORG_APP_SK_PREFIX = 'APP#';

export const orgKey = (orgId: string) => ({ pk: orgPk(orgId), sk: ORG_SK });
export const memberKey = (orgId: string, memberId: string) => ({
  pk: orgPk(orgId),
  sk: `${MEMBER_SK_PREFIX}${memberId}`,
});
export const orgAppKey = (orgId: string, appId: string) => ({ pk: orgPk(orgId), sk: `${ORG_APP_SK_PREFIX}${appId}` });

/** A signed-in identity's membership, found by the token's `sub` in one GetItem (one organisation per identity). */
export const membershipKey = (sub: string) => ({ pk: `SUB#${sub}`, sk: 'MEMBERSHIP' });

/** Newest first by a time-ordered sort key; entries are never changed. */
export const auditPk = (orgId: string) => `AUDIT#${orgId}`;
export const auditKey = (orgId: string, entryId: string) => ({ pk: auditPk(orgId), sk: entryId });

/** One item per webhook delivery (event × app); delivery ids are time-ordered, so a Query lists newest first. */
export const deliveriesPk = (appId: string) => `DELIVERIES#${appId}`;
export const deliveryKey = (appId: string, deliveryId: string) => ({ pk: deliveriesPk(appId), sk: deliveryId });

/** The operators' own audit log (operator actions across all organisations; an org's log gets a copy too). */
export const OPERATORS_AUDIT_ID = 'OPERATORS';

/** Who holds a manual intent while buying it: one item per intent, written conditionally (shared/fulfilment/claims). */
export const claimKey = (intentId: string) => ({ pk: `CLAIM#${intentId}`, sk: 'CLAIM' });
