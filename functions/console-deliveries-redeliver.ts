// POST /console/api/apps/{appId}/deliveries/{deliveryId}/redeliver: one more attempt of a failed or dead-lettered
// delivery, now, with the app's current URL and secret (the same event id, so the receiver can de-duplicate).
import { ownedApp } from '../shared/console/apps';
import { recordAudit } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { auditOf } from '../shared/console/request';
import { ApiError } from '../shared/http/errors';
import { DELIVERY_ID_PATTERN, getDelivery, publicDelivery } from '../shared/webhooks/deliveries';
import { redeliver } from '../shared/webhooks/redeliver';

export const handler = consoleApi('console-deliveries-redeliver', async (req) => {
  const { appId } = await ownedApp(req.caller, req.pathParameters.appId ?? '');
  const deliveryId = req.pathParameters.deliveryId ?? '';
  const item = DELIVERY_ID_PATTERN.test(deliveryId) ? await getDelivery(appId, deliveryId) : undefined;
  if (!item) throw new ApiError('NOT_FOUND', { reason: `delivery ${deliveryId} not found` });
  const updated = await redeliver(item);
  await recordAudit(auditOf(req, 'delivery.redeliver', appId, { deliveryId, ok: updated.state === 'DELIVERED' }));
  return { data: publicDelivery(updated) };
});
