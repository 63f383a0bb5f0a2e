// One more attempt of a failed or dead-lettered delivery, now, with the app's current URL and secret (the same event
// id, so the receiver can de-duplicate): the partner's redeliver and the operators' dead-letter redrive.
import { ApiError } from '../http/errors';
import { MESSAGES } from '../http/messages';
import { deliver } from './attempt';
import { type DeliveryItem, recordRedelivery } from './deliveries';
import { webhookTargetOf } from './targets';

export async function redeliver(item: DeliveryItem): Promise<DeliveryItem> {
  if (item.state !== 'FAILED' && item.state !== 'DEAD')
    throw new ApiError('STATUS_CONFLICT', { message: MESSAGES.redeliverOnlyFailed, reason: `state ${item.state}` });
  const target = await webhookTargetOf(item.appId);
  if (!target) throw new ApiError('STATUS_CONFLICT', { message: MESSAGES.noWebhookTarget, reason: 'no target' });
  return recordRedelivery(item, await deliver(target, item.appId, item.event));
}
