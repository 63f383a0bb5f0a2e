// Signs a webhook delivery with the app's secret, the same scheme partners already verify requests with.
import { sign } from '../auth/signature';
import type { OutgoingEvent } from './event';

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

export function signDelivery(
  webhookUrl: string,
  appId: string,
  secret: string,
  event: OutgoingEvent,
  now: number = Date.now(),
): SignedDelivery {
  const url = new URL(webhookUrl);
  const body = JSON.stringify(event);
  const timestamp = String(now);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-Event-Id': event.eventId,
      'X-App-Id': appId,
      'X-Timestamp': timestamp,
      'X-Signature': sign(secret, 'POST', `${url.pathname}${url.search}`, timestamp, body),
    },
  };
}
