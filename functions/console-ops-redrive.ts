// POST /console/api/ops/apps/{appId}/dead-letters/redrive: one more attempt of one dead letter (`deliveryId`) or of
// all the app's, now, with its current URL and secret. Each result is reported; the action is audited.
import { describeApp } from '../shared/apps/registry';
import { recordOpsAudit } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { type RedriveResponse, redriveRequestSchema } from '../shared/console/ops-schemas';
import { parseBody } from '../shared/console/request';
import { ApiError } from '../shared/http/errors';
import { MESSAGES } from '../shared/http/messages';
import { deadLetters } from '../shared/webhooks/dead-letters';
import { getDelivery } from '../shared/webhooks/deliveries';
import { redeliver } from '../shared/webhooks/redeliver';

export const handler = operatorApi('console-ops-redrive', async (req) => {
  const body = parseBody(req, redriveRequestSchema);
  const appId = req.pathParameters.appId ?? '';
  const app = /^[A-Za-z0-9_-]{1,64}$/.test(appId) ? await describeApp(appId) : undefined;
  if (!app) throw new ApiError('NOT_FOUND', { message: MESSAGES.appNotFound, reason: `no app ${appId}` });
  let items = await deadLetters(appId);
  if (body.deliveryId) {
    const one = await getDelivery(appId, body.deliveryId);
    if (!one)
      throw new ApiError('NOT_FOUND', { message: MESSAGES.deliveryNotFound, reason: `no delivery ${body.deliveryId}` });
    items = [one];
  }
  const results: RedriveResponse['results'] = [];
  // One at a time: a receiver that just came back is not flooded, and each result is its own.
  for (const item of items) {
    const updated = await redeliver(item);
    results.push({
      deliveryId: item.deliveryId,
      ok: updated.state === 'DELIVERED',
      ...(updated.lastStatus !== undefined ? { status: updated.lastStatus } : {}),
      ...(updated.lastError ? { error: updated.lastError } : {}),
    });
  }
  await recordOpsAudit(req, 'ops.redrive', {
    appId,
    orgId: app.orgId,
    detail: { deliveries: results.length, delivered: results.filter((r) => r.ok).length },
  });
  const data: RedriveResponse = { results };
  return { data };
});
