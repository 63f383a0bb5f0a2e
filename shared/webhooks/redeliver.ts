// One more attempt of a failed or dead-lettered delivery, now, with the app's current URL and secret (the same event
// id, so the receiver can de-duplicate): the partner's redeliver and the operators' dead-letter redrive.
import { ApiError } from '../http/errors';
import { deliver } from './attempt';
import { type DeliveryItem, recordRedelivery } from './deliveries';
import { webhookTargetOf } from './targets';

export async function redeliver(item: DeliveryItem): Promise<DeliveryItem> {
  if (item.state !== 'FAILED' && item.state !== 'DEAD')
    throw new ApiError('STATUS_CONFLICT', { message: '只能重发失败或已进入死信的投递', reason: `state ${item.state}` });
  const target = await webhookTargetOf(item.appId);
  if (!target)
    throw new ApiError('STATUS_CONFLICT', { message: '应用未配置 Webhook 地址或已停用', reason: 'no target' });
  return recordRedelivery(item, await deliver(target, item.appId, item.event));
}
