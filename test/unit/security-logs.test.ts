// Log hygiene: the main flows run at DEBUG with everything the process writes captured (the Powertools logger
// writes through its own Console on process.stdout/stderr), and no line may carry a phone number, an address, a
// recipient's name, an app secret or a signature.
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as deleteHandler } from '../../functions/intents-delete';
import { handler as eventsHandler } from '../../functions/intents-events';
import { handler as getHandler } from '../../functions/intents-get';
import { handler as listHandler } from '../../functions/intents-list';
import { handler as updateHandler } from '../../functions/intents-update';
import { newIntent } from '../../shared/domain/changes';
import { logger } from '../../shared/logger';
import { intentKey } from '../../shared/store/keys/intent';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../support/apps';
import { invoke, signedEvent } from '../support/events';

const ddb = mockClient(DynamoDBDocumentClient);
const creds = TEST_CREDENTIALS;
const ID = 'intent_01HZY2K3M4N5P6Q7R8S9T0V1W2';
const PHONE = '13912345678';
const ADDRESS = '杭州市西湖区文三路 477 号华星科技大厦';
const NAME = '欧阳娜娜';

const body = {
  userId: 'user_log',
  platform: 'TAOBAO',
  productUrl: 'https://detail.tmall.com/item.htm?id=987654',
  title: '日志测试商品',
  price: 12.5,
  quantity: 1,
  recipientName: NAME,
  address: ADDRESS,
  phone: PHONE,
};

const lines: string[] = [];
const signatures: string[] = [];

beforeAll(() => {
  const capture = (stream: NodeJS.WriteStream) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
  capture(process.stdout);
  capture(process.stderr);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
  logger.setLogLevel('DEBUG');
});

afterAll(() => {
  logger.setLogLevel('SILENT');
  vi.restoreAllMocks();
});

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(BatchGetCommand).resolves({ Responses: {} });
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  const draft = newIntent(
    { ...body, platform: 'TAOBAO', status: 'DRAFT' },
    { id: ID, appId: creds.appId },
    '2026-01-01T00:00:00.000Z',
  );
  ddb
    .on(GetCommand, { Key: intentKey(ID) })
    .resolves({ Item: { ...intentKey(ID), entity: 'intent', ...draft, version: 1 } });
  mockAuthenticatedApp(ddb, creds);
});

let stamp = Date.now();
function signed(o: Parameters<typeof signedEvent>[1]) {
  const event = signedEvent(creds, { timestamp: String(--stamp), ...o });
  signatures.push(event.headers['x-signature'] as string);
  return event;
}
const path = `/api/v1/intents/${ID}`;

describe('log hygiene', () => {
  it('runs the main flows, refusals and failures with logs on', async () => {
    const answers = [
      await invoke(
        createHandler,
        signed({
          method: 'POST',
          path: '/api/v1/intents',
          body: JSON.stringify(body),
          headers: { 'idempotency-key': 'log-1' },
        }),
      ),
      await invoke(getHandler, signed({ path, pathParameters: { id: ID } })),
      await invoke(listHandler, signed({ path: '/api/v1/intents', query: `userId=user_log&status=DRAFT` })),
      await invoke(
        updateHandler,
        signed({
          method: 'PUT',
          path,
          pathParameters: { id: ID },
          body: JSON.stringify({ phone: '13512345678', address: `${ADDRESS}2楼` }),
        }),
      ),
      await invoke(
        updateHandler,
        signed({ method: 'PUT', path, pathParameters: { id: ID }, body: '{"status":"SUBMITTED"}' }),
      ),
      await invoke(eventsHandler, signed({ path: `${path}/events`, pathParameters: { id: ID } })),
      await invoke(deleteHandler, signed({ method: 'DELETE', path, pathParameters: { id: ID } })),
      // Refusals that carry personal data in the body.
      await invoke(
        createHandler,
        signed({ method: 'POST', path: '/api/v1/intents', body: JSON.stringify({ ...body, phone: `${PHONE}9` }) }),
      ),
      await invoke(
        createHandler,
        signed({ method: 'POST', path: '/api/v1/intents', body: `${JSON.stringify(body)}garbage` }),
      ),
    ];
    // A forged signature and a skewed timestamp: the logged reason must not quote them.
    const forged = signed({ method: 'POST', path: '/api/v1/intents', body: JSON.stringify(body) });
    forged.headers['x-signature'] = 'ab'.repeat(32);
    signatures.push('ab'.repeat(32));
    answers.push(await invoke(createHandler, forged));
    answers.push(
      await invoke(
        createHandler,
        signed({ method: 'POST', path: '/api/v1/intents', body: '{}', timestamp: '1000000000000' }),
      ),
    );
    // A dependency failure logs the error object.
    ddb
      .on(TransactWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    answers.push(
      await invoke(createHandler, signed({ method: 'POST', path: '/api/v1/intents', body: JSON.stringify(body) })),
    );

    expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 200, 200, 200, 200, 400, 400, 401, 401, 503]);
    // The capture works: every refusal and the failure were logged, with their request ids.
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(log).toContain('request refused');
    expect(log).toContain('dependency unavailable');
    expect(log).toContain('req_');

    const forbidden = [PHONE, '13512345678', ADDRESS, NAME, creds.appSecret, ...signatures];
    for (const value of forbidden) expect(log).not.toContain(value);
    // Nor anything shaped like a mainland mobile number or a full hex signature.
    expect(log).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(log).not.toMatch(/(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/);
  });
});
