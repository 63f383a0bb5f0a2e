// Key shapes of app registry items. An app is one item; every app is also on gsi1 under one partition so
// `apps list` is a Query, not a Scan.
export const APP_SK = 'APP';
/** Intents use gsi1 as `<appId>#ALL`; the fixed `APPS` partition cannot collide with that. */
export const APPS_LIST_INDEX = 'gsi1';
export const APPS_LIST_PK = 'APPS';

export function appKey(appId: string) {
  return { pk: `APP#${appId}`, sk: APP_SK };
}

/** Every app's sort key in the apps list begins with this. */
export const APPS_LIST_SK_PREFIX = 'APP#';

export function appListKeys(appId: string, createdAt: string) {
  return { gsi1pk: APPS_LIST_PK, gsi1sk: `${APPS_LIST_SK_PREFIX}${createdAt}#${appId}` };
}
