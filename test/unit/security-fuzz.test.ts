// Fuzzing the create, batch create and update handlers and the signature checks with fast-check, through the real chain on a
// mocked DocumentClient: whatever arrives, the answer is never a 5xx, and a refusal writes nothing.
// (Schema-level and one-byte-change properties live in domain-properties and auth-properties tests.)
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as batchHandler } from '../../functions/intents-batch';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as updateHandler } from '../../functions/intents-update';
import { signaturesMatch } from '../../shared/auth/signature';
import { newIntent } from '../../shared/domain/changes';
import { intentKey } from '../../shared/store/keys/intent';
import { businessWrites } from '../security/writes';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../support/apps';
import { invoke, signedEvent } from '../support/events';

const ddb = mockClient(DynamoDBDocumentClient);
const creds = TEST_CREDENTIALS;
const ID = 'intent_01HZY2K3M4N5P6Q7R8S9T0V1W2';

const valid: Record<string, unknown> = {
  userId: 'user_001',
  platform: 'JD',
  productUrl: 'https://item.jd.com/100012043978.html',
  title: '京东商品',
  price: 5,
  quantity: 1,
  recipientName: '李四',
  address: '上海市浦东新区世纪大道 100 号',
  phone: '13900139000',
};

const FIELDS = [...Object.keys(valid), 'remarks', 'status', '__proto__', 'constructor', 'id', 'appId', 'version'];

/** Valid bodies with some fields dropped, replaced by random JSON, or joined by unknown keys. */
const mutatedBody = fc
  .record({
    drop: fc.subarray(Object.keys(valid)),
    replace: fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  })
  .map(({ drop, replace }) => {
    const body: Record<string, unknown> = { ...valid };
    for (const k of drop) delete body[k];
    // defineProperty so a random `__proto__` becomes an own key, as JSON.parse makes it.
    for (const [k, v] of Object.entries(replace)) Object.defineProperty(body, k, { value: v, enumerable: true });
    return JSON.stringify(body);
  });

const anyText = fc.oneof(fc.json({ maxDepth: 4 }), fc.string({ unit: 'binary', maxLength: 200 }), mutatedBody);

let stamp = Date.now();
const ts = () => String(--stamp);

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  const draft = newIntent(
    { ...(valid as unknown as Parameters<typeof newIntent>[0]), platform: 'JD', status: 'DRAFT' },
    { id: ID, appId: creds.appId },
    '2026-01-01T00:00:00.000Z',
  );
  ddb
    .on(GetCommand, { Key: intentKey(ID) })
    .resolves({ Item: { ...intentKey(ID), entity: 'intent', ...draft, version: 1 } });
  mockAuthenticatedApp(ddb, creds);
});

function check(status: number, code: number) {
  expect(status).toBeLessThan(500);
  if (status >= 400) {
    expect([40001, 40002, 40003, 40902]).toContain(code);
    expect(businessWrites(ddb, creds.appId)).toBe(0);
  }
}

describe('handler fuzz', () => {
  it('create: random bodies never 5xx and refusals write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (body) => {
        ddb.resetHistory();
        const res = await invoke(
          createHandler,
          signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body, timestamp: ts() }),
        );
        check(res.status, res.body.code);
        if (res.status === 201) expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });

  it('update: random bodies never 5xx and refusals write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (body) => {
        ddb.resetHistory();
        const path = `/api/v1/intents/${ID}`;
        const res = await invoke(
          updateHandler,
          signedEvent(creds, { method: 'PUT', path, pathParameters: { id: ID }, body, timestamp: ts() }),
        );
        check(res.status, res.body.code);
      }),
      { numRuns: 150 },
    );
  });
});

describe('signature verifier fuzz', () => {
  it('signaturesMatch never throws and accepts only the exact hex (either case)', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(hex, fc.string({ unit: 'binary', maxLength: 100 }), (expected, given) => {
        const same = signaturesMatch(expected, given);
        expect(same).toBe(given.toLowerCase() === expected);
        expect(signaturesMatch(expected, expected.toUpperCase())).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('random auth header values are refused with a 401 code, never a 5xx, and write nothing', async () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.stringMatching(/^[0-9a-fA-F,]{0,70}$/));
    await fc.assert(
      fc.asyncProperty(fc.record({ app: value, timestamp: value, signature: value }), async (h) => {
        ddb.resetHistory();
        const event = signedEvent(creds, {
          method: 'POST',
          path: '/api/v1/intents',
          body: JSON.stringify(valid),
          timestamp: ts(),
        });
        event.headers['x-app-id'] = h.app;
        event.headers['x-signature'] = h.signature;
        if (h.timestamp !== '') event.headers['x-timestamp'] = h.timestamp;
        const res = await invoke(createHandler, event);
        expect(res.status).toBe(401);
        expect([40101, 40102, 40103]).toContain(res.body.code);
        expect(businessWrites(ddb, creds.appId)).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('batch create fuzz', () => {
  // Mostly objects, so many batches get past the envelope to per-item validation and writes.
  const item = fc.oneof(
    { arbitrary: mutatedBody.map((text) => JSON.parse(text) as unknown), weight: 4 },
    { arbitrary: fc.constant(valid as unknown), weight: 4 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  );
  // Weighted towards well-formed envelopes: the check below wants more than 5 of 100 runs to reach per-item
  // answers. Evenly weighted, four runs reached 8-13 and one CI run exactly 5; weighted like this, 15-31.
  const batchBody = fc.oneof(
    {
      arbitrary: fc
        .record(
          {
            items: fc.oneof(fc.array(item, { maxLength: 8 }), fc.array(item, { maxLength: 55 })),
            atomic: fc.oneof(
              { arbitrary: fc.boolean(), weight: 3 },
              { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 },
            ),
          },
          { requiredKeys: [] },
        )
        .map((body) => JSON.stringify(body)),
      weight: 3,
    },
    { arbitrary: anyText, weight: 1 },
  );

  it('random batches never 5xx, refusals write nothing, and every answer has one entry per item', async () => {
    mockAuthenticatedApp(ddb, creds, { limits: { create: 1000 } });
    let answered200 = 0;
    await fc.assert(
      fc.asyncProperty(batchBody, async (body) => {
        ddb.resetHistory();
        const res = await invoke(
          batchHandler,
          signedEvent(creds, { method: 'POST', path: '/api/v1/intents/batch', body, timestamp: ts() }),
        );
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect([40001, 40002, 40003]).toContain(res.body.code);
          expect(businessWrites(ddb, creds.appId)).toBe(0);
          return;
        }
        answered200++;
        const items = JSON.parse(body).items as unknown[];
        const answered = res.body.data.items as { index: number; code: number }[];
        expect(answered.map((a) => a.index)).toEqual(items.map((_, i) => i));
        const created = answered.filter((a) => a.code === 0).length;
        expect(ddb.commandCalls(TransactWriteCommand).length > 0).toBe(created > 0);
      }),
      { numRuns: 100 },
    );
    expect(answered200).toBeGreaterThan(5);
  });
});
