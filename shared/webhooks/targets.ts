// Where an app's webhooks go and what signs them, read from the app registry.
import { currentSecret } from '../apps/app';
import { cachedApp } from '../apps/cache';
import { loadApp } from '../apps/registry';
import type { WebhookTarget } from './attempt';

/** Dispatch may use the cached app: a webhook URL set seconds ago is missed at worst for the cache's lifetime. */
export async function appWantsWebhooks(appId: string): Promise<boolean> {
  return Boolean((await cachedApp(appId))?.webhookUrl);
}

/** Sending reads the app afresh, so a changed URL or a rotated secret applies from the next attempt. */
export async function webhookTargetOf(appId: string): Promise<WebhookTarget | undefined> {
  const app = await loadApp(appId);
  if (!app?.webhookUrl || app.status !== 'ACTIVE') return undefined;
  return { url: app.webhookUrl, secret: currentSecret(app) };
}
