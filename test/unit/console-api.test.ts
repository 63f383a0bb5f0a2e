// The console API's pieces with mocked clients: the identity/role chain, ownership, schemas, delivery records and the
// sender's recording, error mapping, and the route table as the local runtime matches it.
import { isIP } from 'node:net';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as appsCreate } from '../../functions/console-apps-create';
import { handler as appsGet } from '../../functions/console-apps-get';
import { handler as me } from '../../functions/console-me';
import { localWebhookQueue } from '../../local/background/webhook-queue';
import { buildEvent } from '../../local/event';
import { isValidCidr } from '../../shared/apps/app';
import { AppNotFoundError, toItem } from '../../shared/apps/registry';
import { isCidr } from '../../shared/console/cidr';
import { toApiError } from '../../shared/console/errors';
import { groupsOf } from '../../shared/console/groups';
import { LastOwnerError, MemberNotFoundError, removeMember } from '../../shared/console/organisations';
import { createAppRequestSchema, rotateSecretRequestSchema } from '../../shared/console/schemas';
import type { ApiError } from '../../shared/http/errors';
import { matchRoute } from '../../shared/routes';
import { sealLocal } from '../../shared/secrets/box';
import { appKey } from '../../shared/store/keys/app';
import { membershipKey, orgKey } from '../../shared/store/keys/console';
import { DELIVERY_ID_PATTERN, deliveryIdFor, recordAttempt } from '../../shared/webhooks/deliveries';
import { sendOne } from '../../shared/webhooks/send-queued';
import { consoleEvent } from '../support/console';
import { invoke } from '../support/events';
import { statusChangedMessage } from '../support/webhooks';

const ddb = mockClient(DynamoDBDocumentClient);
const owner = { sub: 'sub-owner', email: 'owner@example.com' };
const viewer = { sub: 'sub-viewer', email: 'viewer@example.com' };

function membership(sub: string, role: string, orgId = 'org_a') {
  ddb
    .on(GetCommand, { Key: membershipKey(sub) })
    .resolves({ Item: { ...membershipKey(sub), memberId: `mem_${sub}`, orgId, sub, email: 'x@example.com', role } });
}

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
});

describe('the console chain', () => {
  it('answers 401 without claims and never reads the table', async () => {
    const res = await invoke(me, consoleEvent(undefined, { path: '/console/api/me' }));
    expect([res.status, res.body]).toEqual([401, { code: 40101, message: '未登录或登录已过期', data: null }]);
    expect(res.headers['x-request-id']).toMatch(/^req_\d{13}_/);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 401 to a valid token whose identity is no member (any more)', async () => {
    const res = await invoke(me, consoleEvent(owner, { path: '/console/api/me' }));
    expect([res.status, res.body.code]).toEqual([401, 40101]);
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({ ConsistentRead: true });
  });

  it('refuses a viewer’s write with 403 before parsing or writing anything', async () => {
    membership(viewer.sub, 'viewer');
    const res = await invoke(
      appsCreate,
      consoleEvent(viewer, { method: 'POST', path: '/console/api/apps', body: '{' }),
    );
    expect([res.status, res.body.code]).toEqual([403, 40302]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('answers 404 for an app of another organisation, and 503 when the table throttles', async () => {
    membership(owner.sub, 'owner');
    ddb.on(GetCommand, { Key: appKey('app_b') }).resolves({
      Item: toItem(
        {
          appId: 'app_b',
          name: 'b',
          status: 'ACTIVE',
          ipWhitelist: [],
          limits: {},
          orgId: 'org_b',
          createdAt: 'x',
          updatedAt: 'x',
        },
        [{ sealed: sealLocal('app_b', 's'), createdAt: 'x' }],
      ),
    });
    const event = consoleEvent(owner, { path: '/console/api/apps/app_b', pathParameters: { appId: 'app_b' } });
    expect((await invoke(appsGet, event)).status).toBe(404);
    ddb
      .on(GetCommand, { Key: membershipKey(owner.sub) })
      .rejects(Object.assign(new Error('slow'), { name: 'ThrottlingException' }));
    expect((await invoke(appsGet, event)).body.code).toBe(50301);
  });

  it('reads the operator group in every shape API Gateway passes it', () => {
    expect(groupsOf(['operators', 'x'])).toEqual(['operators', 'x']);
    expect(groupsOf('[operators]')).toEqual(['operators']);
    expect(groupsOf('[admins operators]')).toEqual(['admins', 'operators']);
    expect(groupsOf('operators')).toEqual(['operators']);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf(42)).toEqual([]);
  });
});

describe('schemas', () => {
  it('accepts exactly the addresses and CIDRs node accepts (no node import in the browser bundle)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), fc.option(fc.integer({ min: 0, max: 140 })), (address, prefix) => {
        const entry = prefix === null ? address : `${address}/${prefix}`;
        expect(isCidr(entry)).toBe(isValidCidr(entry));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdef:./'), maxLength: 45 }), (entry) => {
        if (isCidr(entry)) expect(isIP(entry.split('/')[0]!)).not.toBe(0);
      }),
      { numRuns: 2000 },
    );
    for (const bad of [
      '1.2.3',
      '01.2.3.4',
      '256.1.1.1',
      '1.2.3.4/',
      '1.2.3.4/33',
      '::1/129',
      '1:2:3:4:5:6:7:8:9',
      ' 1.2.3.4',
    ])
      expect(isCidr(bad), bad).toBe(false);
  });

  it('holds graceHours to 0..168 whole hours or null, and app names to non-blank', () => {
    for (const graceHours of [0, 1, 168, null])
      expect(rotateSecretRequestSchema.safeParse({ graceHours }).success).toBe(true);
    for (const graceHours of [169, -1, 0.5, '1', undefined])
      expect(rotateSecretRequestSchema.safeParse({ graceHours }).success).toBe(false);
    expect(createAppRequestSchema.safeParse({ name: ' ' }).success).toBe(false);
    expect(createAppRequestSchema.safeParse({ name: 'a'.repeat(65) }).success).toBe(false);
    expect(createAppRequestSchema.safeParse({ name: 'ok', appId: 'mine' }).success).toBe(false);
  });
});

describe('delivery records', () => {
  const event = statusChangedMessage.event;

  it('derive one time-ordered id per event', () => {
    const id = deliveryIdFor(event);
    expect(id).toMatch(DELIVERY_ID_PATTERN);
    expect(deliveryIdFor({ ...event })).toBe(id);
    expect(deliveryIdFor({ ...event, eventId: 'evt_2' })).not.toBe(id);
    const later = deliveryIdFor({ ...event, occurredAt: '2026-01-01T00:00:01.000Z' });
    expect(later > id).toBe(true);
  });

  it('count attempts and keep a late failure from overwriting DELIVERED', async () => {
    ddb.on(UpdateCommand).resolves({});
    await recordAttempt('app_1', event, { result: { ok: false, error: 'timeout', durationMs: 1 }, retryInSeconds: 30 });
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).toContain('ADD attempts :one');
    expect(input.ConditionExpression).toBe('attribute_not_exists(#state) OR #state <> :delivered');
    expect(input.ExpressionAttributeValues).toMatchObject({ ':state': 'FAILED', ':lastError': 'timeout' });
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('no'), { name: 'ConditionalCheckFailedException' }));
    await expect(
      recordAttempt('app_1', event, { result: { ok: false, error: 'x', durationMs: 1 }, retryInSeconds: null }),
    ).resolves.toBeUndefined();
  });

  it('are written by the sender for every attempt: FAILED with a retry, DEAD after the last, DELIVERED', async () => {
    const record = vi.fn(async () => {});
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const deps = {
      targetOf: async () => ({ url: 'https://hooks.example.com/', secret: 's' }),
      retryLater: async () => {},
      record,
      log,
    };
    const failing = async () => ({ ok: false as const, status: 500, error: 'HTTP 500', durationMs: 1 });
    await sendOne({ messageId: 'm', message: statusChangedMessage, attempt: 1 }, { ...deps, deliver: failing });
    await sendOne({ messageId: 'm', message: statusChangedMessage, attempt: 99 }, { ...deps, deliver: failing });
    await sendOne(
      { messageId: 'm', message: statusChangedMessage, attempt: 2 },
      { ...deps, deliver: async () => ({ ok: true as const, status: 200, durationMs: 1 }) },
    );
    expect(record.mock.calls.map((c) => (c as unknown[])[2])).toEqual([
      expect.objectContaining({ retryInSeconds: 30 }),
      expect.objectContaining({ retryInSeconds: null }),
      expect.objectContaining({ result: expect.objectContaining({ ok: true }), retryInSeconds: null }),
    ]);
    // A record that cannot be written never fails the delivery.
    const broken = vi.fn(async () => {
      throw new Error('table down');
    });
    const done = await sendOne(
      { messageId: 'm', message: statusChangedMessage, attempt: 1 },
      { ...deps, record: broken, deliver: async () => ({ ok: true as const, status: 200, durationMs: 1 }) },
    );
    expect(done).toBe(true);
    expect(log.warn).toHaveBeenCalledWith('webhook delivery record not written', expect.anything());
  });
  it('are written by the local queue’s attempts too, retries included', async () => {
    const record = vi.fn(async () => {});
    let calls = 0;
    const queue = localWebhookQueue({
      targetOf: async () => ({ url: 'http://127.0.0.1:9/', secret: 's' }),
      deliver: async () =>
        ++calls === 1
          ? { ok: false as const, status: 500, error: 'HTTP 500', durationMs: 1 }
          : { ok: true as const, status: 204, durationMs: 1 },
      record,
      log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
      delayScale: 0.0001,
    });
    await queue.enqueue([statusChangedMessage]);
    for (let i = 0; i < 100 && record.mock.calls.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await queue.stop();
    expect(record.mock.calls.map((c) => ((c as unknown[])[2] as { result: { ok: boolean } }).result.ok)).toEqual([
      false,
      true,
    ]);
  });
});

describe('store errors', () => {
  it('refuse to remove the last owner inside the transaction', async () => {
    ddb.on(GetCommand).resolves({
      Item: { memberId: 'mem_1', orgId: 'org_a', sub: 's', email: 'e', role: 'owner', createdAt: 'x' },
    });
    ddb.on(TransactWriteCommand).rejects(
      Object.assign(new Error('cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    await expect(removeMember('org_a', 'mem_1')).rejects.toBeInstanceOf(LastOwnerError);
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items[2]!.Update).toMatchObject({ Key: orgKey('org_a'), ConditionExpression: 'ownerCount > :one' });
  });

  it('map to the contract: outside the organisation 404, state conflicts 409, anything else untouched', () => {
    const mapped = (e: Error) => toApiError(e) as ApiError;
    expect(mapped(new AppNotFoundError('a')).code).toBe(40401);
    expect(mapped(new MemberNotFoundError('m')).status).toBe(404);
    expect(mapped(new LastOwnerError()).code).toBe(40902);
    const other = new Error('boom');
    expect(toApiError(other)).toBe(other);
  });
});

describe('route table', () => {
  it('sends console paths to their handlers in the local runtime, and a wrong method to 405', () => {
    const { handler, event } = buildEvent({
      method: 'POST',
      target: '/console/api/apps/app_1/deliveries/dlv_1/redeliver',
      rawHeaders: [],
      body: Buffer.alloc(0),
      remoteAddress: '127.0.0.1',
      httpVersion: '1.1',
    });
    expect(handler).toBe('console-deliveries-redeliver');
    expect(event.pathParameters).toEqual({ appId: 'app_1', deliveryId: 'dlv_1' });
    expect(matchRoute('GET', '/console/api/apps/app_1/secrets/previous')).toEqual({ allowed: ['DELETE'] });
    expect(matchRoute('GET', '/api/v1/intents').match?.route.handler).toBe('intents-list');
  });
});
