// One queued webhook message (a status change of app_1's intent) for the sender and local-queue tests.
import type { WebhookMessage } from '../../shared/webhooks/enqueue-changes';

export const statusChangedMessage: WebhookMessage = {
  appId: 'app_1',
  event: {
    eventId: 'evt_1',
    type: 'intent.status_changed',
    occurredAt: '2026-01-01T00:00:00.000Z',
    data: { id: 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA', status: 'PROCESSING', previousStatus: 'SUBMITTED' },
  },
};
