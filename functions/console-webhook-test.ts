// POST /console/api/apps/{appId}/webhook-test: a signed `ping` to the app's webhook URL now, the outcome inline.
import { currentSecret } from '../shared/apps/app';
import { loadApp } from '../shared/apps/registry';
import { ownedApp } from '../shared/console/apps';
import { recordAudit } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { auditOf } from '../shared/console/request';
import type { WebhookTestResponse } from '../shared/console/schemas';
import { ApiError } from '../shared/http/errors';
import { MESSAGES } from '../shared/http/messages';
import { deliver } from '../shared/webhooks/attempt';
import { pingEvent } from '../shared/webhooks/event';

export const handler = consoleApi('console-webhook-test', async (req) => {
  const { appId } = await ownedApp(req.caller, req.pathParameters.appId ?? '');
  const app = await loadApp(appId);
  if (!app?.webhookUrl)
    throw new ApiError('STATUS_CONFLICT', { message: MESSAGES.noWebhookUrl, reason: 'no webhook URL' });
  // The sender's own attempt: its SSRF guard, signature and 5 s timeout.
  const result = await deliver({ url: app.webhookUrl, secret: currentSecret(app) }, appId, pingEvent(appId));
  const data: WebhookTestResponse = {
    ok: result.ok,
    ...(result.status !== undefined ? { status: result.status } : {}),
    latencyMs: result.durationMs,
    ...(result.ok ? {} : { error: result.error }),
  };
  await recordAudit(
    auditOf(req, 'webhook.test', appId, { ok: data.ok, ...(data.status ? { status: data.status } : {}) }),
  );
  return { data };
});
