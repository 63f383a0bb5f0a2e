// The SQS sender and the stream dispatch, with SQS mocked and the app registry stubbed.
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as dispatcher } from '../../functions/webhook-dispatch';
import { handler as sender } from '../../functions/webhook-sender';
import type { Intent, IntentStatus } from '../../shared/domain/intent';
import type { DeliveryResult } from '../../shared/webhooks/attempt';
import type { WebhookMessage } from '../../shared/webhooks/enqueue-changes';
import { MAX_ATTEMPTS } from '../../shared/webhooks/schedule';
import { statusChangedMessage } from '../support/webhooks';

const targets = vi.hoisted(() => ({
  wants: vi.fn(async (_appId: string) => true),
  target: vi.fn(
    async (_appId: string): Promise<{ url: string; secret: string } | undefined> => ({
      url: 'https://hooks.partner.example/procure',
      secret: 's3cret',
    }),
  ),
}));
vi.mock('../../shared/webhooks/targets', () => ({ appWantsWebhooks: targets.wants, webhookTargetOf: targets.target }));
const deliver = vi.hoisted(() => vi.fn());
vi.mock('../../shared/webhooks/attempt', async (original) => ({
  ...(await original<typeof import('../../shared/webhooks/attempt')>()),
  deliver,
}));

const sqs = mockClient(SQSClient);
// Before the handlers' first batch, when they read it.
beforeAll(() => {
  vi.stubEnv('WEBHOOK_QUEUE_URL', 'https://sqs.local/000000000000/webhooks');
});

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  deliver.mockReset();
  targets.wants.mockClear();
  targets.target.mockClear();
});

const message = statusChangedMessage;

function sqsRecord(id: string, attempt: number, body: string = JSON.stringify(message)): SQSRecord {
  return {
    messageId: id,
    receiptHandle: `rh-${id}`,
    body,
    attributes: { ApproximateReceiveCount: String(attempt) } as SQSRecord['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:webhooks',
    awsRegion: 'local',
  };
}

const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const ok: DeliveryResult = { ok: true, status: 200, durationMs: 3 };
const down: DeliveryResult = { ok: false, status: 503, error: 'HTTP 503', durationMs: 3 };

describe('webhook sender', () => {
  it('delivers and reports nothing failed', async () => {
    deliver.mockResolvedValue(ok);
    await expect(sender(sqsEvent(sqsRecord('m1', 1)))).resolves.toEqual({ batchItemFailures: [] });
    expect(deliver).toHaveBeenCalledWith(
      { url: 'https://hooks.partner.example/procure', secret: 's3cret' },
      'app_1',
      message.event,
    );
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(0);
  });

  it('postpones a failed message by the schedule and reports only that one', async () => {
    deliver.mockImplementation(async (_t, _a, event) => (event.eventId === 'evt_1' ? down : ok));
    const other = JSON.stringify({ ...message, event: { ...message.event, eventId: 'evt_2' } });
    const result = await sender(sqsEvent(sqsRecord('m1', 3), sqsRecord('m2', 1, other)));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    const postponed = sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input);
    expect(postponed).toEqual([
      { QueueUrl: 'https://sqs.local/000000000000/webhooks', ReceiptHandle: 'rh-m1', VisibilityTimeout: 120 },
    ]);
  });

  it('lets the last attempt fail without postponing, so the redrive policy dead-letters it', async () => {
    deliver.mockResolvedValue(down);
    await expect(sender(sqsEvent(sqsRecord('m1', MAX_ATTEMPTS)))).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }],
    });
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(0);
  });

  it('drops messages for apps without a webhook URL and unreadable messages', async () => {
    targets.target.mockResolvedValueOnce(undefined);
    await expect(sender(sqsEvent(sqsRecord('m1', 1), sqsRecord('m2', 1, 'not json')))).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(deliver).not.toHaveBeenCalled();
  });

  it('reports a message whose app lookup fails, for a retry', async () => {
    targets.target.mockRejectedValueOnce(new Error('table unavailable'));
    await expect(sender(sqsEvent(sqsRecord('m1', 1)))).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }],
    });
  });
});

function intent(status: IntentStatus): Intent {
  return {
    id: 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA',
    appId: 'app_1',
    userId: 'u1',
    platform: 'JD',
    productUrl: 'https://item.jd.com/1.html',
    title: '键盘',
    priceFen: 100,
    quantity: 1,
    totalAmountFen: 100,
    recipientName: '张三',
    address: '北京市朝阳区某路1号',
    phone: '13800138000',
    status,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:01.000Z',
    version: 2,
  };
}

function record(after: Intent, before?: IntentStatus): DynamoDBRecord {
  return {
    eventName: before ? 'MODIFY' : 'INSERT',
    dynamodb: {
      NewImage: marshall({ pk: `INTENT#${after.id}`, sk: 'INTENT', entity: 'intent', ...after }) as never,
      ...(before
        ? {
            OldImage: marshall({
              pk: `INTENT#${after.id}`,
              sk: 'INTENT',
              entity: 'intent',
              ...after,
              status: before,
              version: 1,
            }) as never,
          }
        : {}),
    },
  };
}

describe('webhook dispatch', () => {
  it('enqueues one signed-later message per status change, for apps with a webhook URL', async () => {
    await dispatcher({
      Records: [
        record(intent('SUBMITTED'), 'DRAFT'),
        record(intent('DRAFT')),
        record(intent('SUBMITTED'), 'SUBMITTED'),
      ],
    });
    const sent = sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(sent).toHaveLength(1);
    const body = JSON.parse(sent[0]!.MessageBody!) as WebhookMessage;
    expect(body.appId).toBe('app_1');
    expect(body.event).toMatchObject({
      type: 'intent.status_changed',
      data: { status: 'SUBMITTED', previousStatus: 'DRAFT', phone: '138****8000' },
    });
    expect(body.event.data).not.toHaveProperty('appId');
  });

  it('sends nothing for apps without a webhook URL', async () => {
    targets.wants.mockResolvedValueOnce(false);
    await dispatcher({ Records: [record(intent('CANCELLED'), 'SUBMITTED')] });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  it('fails the batch when SQS refuses a message, so the stream retries it', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolves({ Successful: [], Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }] });
    await expect(dispatcher({ Records: [record(intent('CANCELLED'), 'SUBMITTED')] })).rejects.toThrow(/refused/);
  });

  it('sends in batches of at most ten', async () => {
    const records = Array.from({ length: 23 }, (_, n) =>
      record(
        { ...intent('PROCESSING'), updatedAt: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z` },
        'SUBMITTED',
      ),
    );
    await dispatcher({ Records: records });
    expect(sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([10, 10, 3]);
  });
});
