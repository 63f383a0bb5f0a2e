// POST /console/api/apps/{appId}/deliveries/{deliveryId}/redeliver: one more attempt of a failed or dead-lettered
// delivery, now, with the app's current URL and secret (the same event id, so the receiver can de-duplicate).
import { ownedApp } from '../shared/console/apps';
import { recordAudit } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { auditOf } from '../shared/console/request';
import { ApiError } from '../shared/http/errors';
import { deliver } from '../shared/webhooks/attempt';
import { DELIVERY_ID_PATTERN, getDelivery, publicDelivery, recordRedelivery } from '../shared/webhooks/deliveries';
import { webhookTargetOf } from '../shared/webhooks/targets';

export const handler = consoleApi('console-deliveries-redeliver', async (req) => {
  const { appId } = await ownedApp(req.caller, req.pathParameters.appId ?? '');
  const deliveryId = req.pathParameters.deliveryId ?? '';
  const item = DELIVERY_ID_PATTERN.test(deliveryId) ? await getDelivery(appId, deliveryId) : undefined;
  if (!item) throw new ApiError('NOT_FOUND', { reason: `delivery ${deliveryId} not found` });
  if (item.state !== 'FAILED' && item.state !== 'DEAD')
    throw new ApiError('STATUS_CONFLICT', { message: '只能重发失败或已进入死信的投递', reason: `state ${item.state}` });
  const target = await webhookTargetOf(appId);
  if (!target)
    throw new ApiError('STATUS_CONFLICT', { message: '应用未配置 Webhook 地址或已停用', reason: 'no target' });
  const result = await deliver(target, appId, item.event);
  const updated = await recordRedelivery(item, result);
  await recordAudit(auditOf(req, 'delivery.redeliver', appId, { deliveryId, ok: result.ok }));
  return { data: publicDelivery(updated) };
});
