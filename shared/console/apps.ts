// The console's view of apps and the one rule every app route starts with: the app must belong to the caller's
// organisation, or it does not exist (404, so other organisations' ids are never confirmed).
import type { App } from '../apps/app';
import { clearAppCache } from '../apps/cache';
import { AppNotFoundError, describeApp, describeApps } from '../apps/registry';
import { limitFor } from '../ratelimit/limits';
import { ORG_APP_SK_PREFIX } from '../store/keys/console';
import type { Caller } from './http';
import { orgItems } from './organisations';
import type { ConsoleApp } from './schemas';

type StoredView = Omit<App, 'secrets'> & { secrets: { createdAt: string; expiresAt?: string }[] };

/** Ids this API hands out; anything else cannot name an app (and never reaches the table as a key). */
const APP_ID_PATTERN = /^[A-Za-z0-9_]{1,64}$/;

export function toConsoleApp(app: StoredView): ConsoleApp {
  return {
    appId: app.appId,
    name: app.name,
    status: app.status,
    ipWhitelist: app.ipWhitelist,
    ...(app.webhookUrl ? { webhookUrl: app.webhookUrl } : {}),
    limits: { create: limitFor(app, 'create'), query: limitFor(app, 'query'), update: limitFor(app, 'update') },
    secrets: app.secrets.map(({ createdAt, expiresAt }) => (expiresAt ? { createdAt, expiresAt } : { createdAt })),
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}

/** The caller's organisation's app, read consistently (a console page shows what it just changed). */
export async function ownedApp(caller: Pick<Caller, 'orgId'>, appId: string): Promise<StoredView> {
  if (!APP_ID_PATTERN.test(appId)) throw new AppNotFoundError(appId);
  const app = await describeApp(appId);
  if (!app || app.orgId !== caller.orgId) throw new AppNotFoundError(appId);
  return app;
}

/** The console view of an app, read consistently. */
export async function freshView(caller: Pick<Caller, 'orgId'>, appId: string): Promise<ConsoleApp> {
  return toConsoleApp(await ownedApp(caller, appId));
}

/**
 * The view of an app this request just changed. The partner API's per-instance app cache is dropped too: on the
 * local runtime every handler shares this process, so a disable or a revoked secret applies to the next signed
 * request; on AWS other instances see it within APP_CACHE_TTL_MS.
 */
export async function viewAfterWrite(caller: Pick<Caller, 'orgId'>, appId: string): Promise<ConsoleApp> {
  clearAppCache();
  return freshView(caller, appId);
}

/** The organisation's apps, newest first. Its partition links them; the app items are read in one batch. */
export async function listOrgApps(orgId: string): Promise<ConsoleApp[]> {
  const appIds = (await orgItems(orgId, ORG_APP_SK_PREFIX)).map((item) => item.appId as string);
  // The app item is what says who owns it; a link left behind by a later re-attachment is ignored.
  const apps = (await describeApps(appIds)).filter((app) => app.orgId === orgId);
  return apps
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.appId.localeCompare(a.appId))
    .map(toConsoleApp);
}
