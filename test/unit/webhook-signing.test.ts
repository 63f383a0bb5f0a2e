import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Intent } from '../../shared/domain/intent';
import { publicIntent } from '../../shared/domain/public-view';
import { eventIdFor, STATUS_CHANGED, statusChangedEvent } from '../../shared/webhooks/event';
import { signDelivery } from '../../shared/webhooks/signing';

const intent: Intent = {
  id: 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA',
  appId: 'app_1',
  userId: 'u1',
  platform: 'JD',
  productUrl: 'https://item.jd.com/123.html',
  title: '键盘',
  priceFen: 1999,
  quantity: 3,
  totalAmountFen: 5997,
  recipientName: '张三',
  address: '北京市朝阳区某路1号',
  phone: '13800138000',
  status: 'COMPLETED',
  orderId: 'SBX1',
  trackingNumber: 'SF1',
  trackingCompany: '顺丰速运',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:05.000Z',
  completedAt: '2026-01-01T00:00:05.000Z',
  version: 4,
};

/** What a partner's receiver does, written independently of the sender's code. */
function receiverAccepts(secret: string, pathAndQuery: string, headers: Record<string, string>, rawBody: string) {
  const expected = createHmac('sha256', secret)
    .update(`POST${pathAndQuery}${headers['X-Timestamp']}${rawBody}`)
    .digest();
  const given = Buffer.from(headers['X-Signature'] ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhook event', () => {
  it('carries the change and the public intent', () => {
    const event = statusChangedEvent(intent, 'PROCESSING', publicIntent);
    expect(event).toMatchObject({
      type: STATUS_CHANGED,
      occurredAt: intent.updatedAt,
      data: { id: intent.id, status: 'COMPLETED', previousStatus: 'PROCESSING', orderId: 'SBX1', totalAmount: 59.97 },
    });
    expect(event.eventId).toMatch(/^evt_[0-9a-f]{32}$/);
    // Never the raw phone, nor server-internal fields
    expect(event.data.phone).toBe('138****8000');
    expect(event.data).not.toHaveProperty('appId');
    expect(event.data).not.toHaveProperty('version');
  });

  it('keeps the same id for the same change (redelivery) and a new one for another change', () => {
    expect(eventIdFor(intent, 'PROCESSING')).toBe(eventIdFor({ ...intent }, 'PROCESSING'));
    expect(eventIdFor(intent, 'PROCESSING')).not.toBe(eventIdFor({ ...intent, status: 'FAILED' }, 'PROCESSING'));
  });
});

describe('webhook signature', () => {
  const event = statusChangedEvent(intent, 'PROCESSING', publicIntent);

  it('verifies on the receiver side with the path and query of the webhook URL', () => {
    const { body, headers } = signDelivery(
      'https://partner.example/hooks/procure?token=a%20b',
      'app_1',
      's3cret',
      event,
      1_767_225_600_000,
    );
    expect(headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-Event-Id': event.eventId,
      'X-App-Id': 'app_1',
      'X-Timestamp': '1767225600000',
    });
    expect(headers['X-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(body)).toEqual(event);
    expect(receiverAccepts('s3cret', '/hooks/procure?token=a%20b', headers, body)).toBe(true);
  });

  it('fails verification with another secret, a tampered body or another path', () => {
    const { body, headers } = signDelivery('https://partner.example/hooks', 'app_1', 's3cret', event);
    expect(receiverAccepts('other', '/hooks', headers, body)).toBe(false);
    expect(receiverAccepts('s3cret', '/hooks', headers, body.replace('COMPLETED', 'FAILED'))).toBe(false);
    expect(receiverAccepts('s3cret', '/other', headers, body)).toBe(false);
  });
});
