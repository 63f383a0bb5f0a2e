// The manual fulfilment queue: intents waiting for a person (PROCESSING on a platform the manual adapter serves),
// across all apps, oldest first. Built from each app's own list query (the watchdog's way of finding PROCESSING
// intents), then read strongly from the table, so what is shown is what an operator would act on.
import { listApps } from '../apps/registry';
import { environment } from '../config';
import { type Intent, PLATFORMS, type Platform } from '../domain/intent';
import { fenToYuan } from '../domain/money';
import { parseAdapterConfig } from '../fulfilment/adapter-config';
import { liveClaims } from '../fulfilment/claims';
import { parseListQuery } from '../schemas/list-query';
import { getIntent } from '../store/intents';
import { listIntents } from '../store/listing';
import type { Operator } from './ops-http';
import { claimView } from './ops-intents';
import type { OpsQueueQuery, QueueEntry, QueueResponse } from './ops-schemas';

/** More than a day's manual orders; the rest wait for the next load (the oldest are always first). */
const MAX_PER_APP_PLATFORM = 500;

/** Platforms the manual adapter serves, from the same configuration the fulfilment consumer reads. */
export function manualPlatforms(env: Readonly<Record<string, string | undefined>> = environment()): Platform[] {
  const config = parseAdapterConfig(env.FULFILMENT_ADAPTERS, env.FULFILMENT_DEFAULT_ADAPTER);
  return PLATFORMS.filter((p) => config[p] === 'manual');
}

async function processingIds(appId: string, platform: Platform): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = parseListQuery(
      `status=PROCESSING&platform=${platform}&sortBy=updatedAt&order=asc&pageSize=100&fields=id` +
        (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''),
    );
    const page = await listIntents(appId, query);
    for (const item of page.items) ids.push(String(item.id));
    cursor = page.nextCursor;
  } while (cursor && ids.length < MAX_PER_APP_PLATFORM);
  return ids;
}

export async function loadQueue(query: OpsQueueQuery, operator: Operator, now = Date.now()): Promise<QueueResponse> {
  const manual = manualPlatforms();
  const platforms = manual.filter((p) => !query.platform || p === query.platform);
  const apps = (await listApps()).filter((a) => !query.orgId || a.orgId === query.orgId);
  const waiting: { intent: Intent; appName: string; orgId?: string }[] = [];
  for (const app of apps)
    for (const platform of platforms) {
      const intents = await Promise.all((await processingIds(app.appId, platform)).map(getIntent));
      // The index lags the table by a moment: keep only what is still waiting now.
      for (const intent of intents)
        if (intent?.status === 'PROCESSING')
          waiting.push({ intent, appName: app.name, ...(app.orgId ? { orgId: app.orgId } : {}) });
    }
  const countsByPlatform: Record<string, number> = Object.fromEntries(platforms.map((p) => [p, 0]));
  for (const { intent } of waiting) countsByPlatform[intent.platform] = (countsByPlatform[intent.platform] ?? 0) + 1;
  const minAgeMs = Number(query.minAgeMinutes ?? 0) * 60_000;
  const shown = waiting
    .filter(({ intent }) => now - Date.parse(intent.updatedAt) >= minAgeMs)
    .sort((a, b) => a.intent.updatedAt.localeCompare(b.intent.updatedAt));
  const claims = await liveClaims(
    shown.map(({ intent }) => intent.id),
    now,
  );
  const items: QueueEntry[] = shown.map(({ intent, appName, orgId }) => {
    const claim = claimView(claims.get(intent.id), operator);
    return {
      id: intent.id,
      appId: intent.appId,
      appName,
      ...(orgId ? { orgId } : {}),
      platform: intent.platform,
      productUrl: intent.productUrl,
      title: intent.title,
      price: fenToYuan(intent.priceFen),
      quantity: intent.quantity,
      totalAmount: fenToYuan(intent.totalAmountFen),
      waitingSince: intent.updatedAt,
      ageMinutes: Math.floor((now - Date.parse(intent.updatedAt)) / 60_000),
      ...(claim ? { claim } : {}),
    };
  });
  return { items, total: items.length, countsByPlatform, manualPlatforms: manual };
}
