// The webhook event for one status change (API reference: Webhooks).
import { createHash, randomBytes } from 'node:crypto';
import type { Intent, IntentStatus } from '../domain/intent';

export const STATUS_CHANGED = 'intent.status_changed';
/** A carrier and waybill arrived without a status change (shipped while PROCESSING, or added after COMPLETED). */
export const TRACKING_UPDATED = 'intent.tracking_updated';
/** The console's webhook test (issue 14): signed like every event, about no intent. */
export const PING = 'ping';

/** Anything POSTed to a webhook URL: a status change or a ping. */
export interface OutgoingEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export type WebhookEvent =
  | {
      eventId: string;
      type: typeof STATUS_CHANGED;
      occurredAt: string;
      data: Record<string, unknown> & { id: string; status: IntentStatus; previousStatus: IntentStatus | null };
    }
  | {
      eventId: string;
      type: typeof TRACKING_UPDATED;
      occurredAt: string;
      data: Record<string, unknown> & { id: string; status: IntentStatus; trackingNumber: string };
    };

/** What the partner sees of an intent: the same shape GET /intents/{id} answers. */
export type PresentIntent = (intent: Intent) => Record<string, unknown>;

/**
 * The event id derives from the change itself (intent, from, to, time), so a redelivered stream record yields the
 * same id and the receiver can de-duplicate on it.
 */
export function eventIdFor(intent: Intent, previousStatus: IntentStatus | null): string {
  const digest = createHash('sha256')
    .update(`${intent.id}\n${previousStatus ?? ''}\n${intent.status}\n${intent.updatedAt}`)
    .digest('hex');
  return `evt_${digest.slice(0, 32)}`;
}

export function statusChangedEvent(
  intent: Intent,
  previousStatus: IntentStatus | null,
  present: PresentIntent,
): WebhookEvent {
  return {
    eventId: eventIdFor(intent, previousStatus),
    type: STATUS_CHANGED,
    occurredAt: intent.updatedAt,
    data: { ...present(intent), id: intent.id, status: intent.status, previousStatus },
  };
}

/** The same waybill recorded at the same time is the same event, whichever redelivery carried it. */
export function trackingUpdatedEvent(intent: Intent, present: PresentIntent): WebhookEvent {
  const digest = createHash('sha256')
    .update(`${intent.id}\ntracking\n${intent.trackingCompany ?? ''}\n${intent.trackingNumber}\n${intent.updatedAt}`)
    .digest('hex');
  return {
    eventId: `evt_${digest.slice(0, 32)}`,
    type: TRACKING_UPDATED,
    occurredAt: intent.updatedAt,
    data: { ...present(intent), id: intent.id, status: intent.status, trackingNumber: intent.trackingNumber ?? '' },
  };
}

export function pingEvent(appId: string, now = new Date()): OutgoingEvent {
  return {
    eventId: `evt_ping_${randomBytes(12).toString('hex')}`,
    type: PING,
    occurredAt: now.toISOString(),
    data: { appId, message: 'ping' },
  };
}
