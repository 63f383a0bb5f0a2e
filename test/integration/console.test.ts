// Every console route on DynamoDB Local through the real chain (claims → membership → role → store), and the
// authorisation rules for each: 401 without a member, 403 for a role that may not act, 404 outside the organisation.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as intentsCreate } from '../../functions/intents-create';
import { handler as intentsList } from '../../functions/intents-list';
import { clearAppCache } from '../../shared/apps/cache';
import { createApp } from '../../shared/apps/registry';
import { sign } from '../../shared/auth/signature';
import { type ConsoleHandlerName, consoleRoutes } from '../../shared/routes';
import { recordAttempt } from '../../shared/webhooks/deliveries';
import type { OutgoingEvent } from '../../shared/webhooks/event';
import {
  addTestMember,
  callRoute,
  createTestOrganisation,
  newIdentity,
  type RouteCall,
  type TestIdentity,
  type TestMember,
} from '../support/console';
import { settleCounters } from '../support/counters';
import { rawTable } from '../support/dynamo';
import { type Answer, type Credentials, invoke, signedEvent } from '../support/events';
import { intentInput } from '../support/intents';

// The identity directory (Cognito or local accounts) is another branch's; here it hands out a stable sub per e-mail.
const invited = new Map<string, string>();
vi.mock('../../shared/console/identity', () => ({
  identityDirectory: () => ({
    invite: async (email: string) => {
      if (!invited.has(email)) invited.set(email, `sub-${email}`);
      return { sub: invited.get(email)!, temporaryPassword: 'Temp-Password-1' };
    },
  }),
}));

/** Calls a console route as `who`, filling the path's parameters. */
function call(who: TestIdentity | undefined, name: ConsoleHandlerName, o: RouteCall = {}): Promise<Answer> {
  return callRoute(who, consoleRoutes.find((r) => r.handler === name)!, o);
}

let stamp = Date.now();
const signedList = (c: Credentials) => {
  stamp = Math.min(stamp - 1, Date.now());
  return invoke(intentsList, signedEvent(c, { path: '/api/v1/intents', timestamp: String(stamp) }));
};

let orgA: { orgId: string; owner: TestMember };
let orgB: { orgId: string; owner: TestMember };
let developerA: TestMember;
let viewerA: TestMember;
let appA: Credentials;
let appA2: string;
let appB: Credentials;

beforeAll(async () => {
  orgA = await createTestOrganisation('Org A');
  orgB = await createTestOrganisation('Org B');
  developerA = await addTestMember(orgA.orgId, 'developer');
  viewerA = await addTestMember(orgA.orgId, 'viewer');
  const a = await call(orgA.owner, 'console-apps-create', { body: { name: 'A shop' } });
  appA = { appId: a.body.data.app.appId, appSecret: a.body.data.appSecret };
  appA2 = (await call(developerA, 'console-apps-create', { body: { name: 'A second' } })).body.data.app.appId;
  const b = await call(orgB.owner, 'console-apps-create', { body: { name: 'B shop' } });
  appB = { appId: b.body.data.app.appId, appSecret: b.body.data.appSecret };
});

describe('GET /console/api/me', () => {
  it('answers the caller, organisation, role and source address; operators by the Cognito group in either shape', async () => {
    const res = await call(viewerA, 'console-me', { sourceIp: '203.0.113.9' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      sub: viewerA.sub,
      email: viewerA.email,
      orgId: orgA.orgId,
      orgName: 'Org A',
      role: 'viewer',
      sourceIp: '203.0.113.9',
      operator: false,
    });
    for (const groups of [['operators'], '[operators]', 'operators', '[admins operators]']) {
      const me = await call({ ...orgA.owner, groups }, 'console-me');
      expect(me.body.data.operator, JSON.stringify(groups)).toBe(true);
    }
  });
});

describe('apps', () => {
  it('creates an app whose secret is shown once and signs partner API calls', async () => {
    const res = await call(orgA.owner, 'console-apps-create', {
      body: { name: ' Shop ', ipWhitelist: ['203.0.113.0/24', '2001:db8::/32'] },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.app).toMatchObject({
      name: 'Shop',
      status: 'ACTIVE',
      ipWhitelist: ['203.0.113.0/24', '2001:db8::/32'],
      limits: { create: 10, query: 100, update: 20 },
    });
    expect(res.body.data.app.secrets).toHaveLength(1);
    expect(JSON.stringify(res.body.data.app)).not.toContain(res.body.data.appSecret);
    const get = await call(viewerA, 'console-apps-get', { params: { appId: res.body.data.app.appId } });
    expect(JSON.stringify(get.body)).not.toContain(res.body.data.appSecret);
    expect((await signedList(appA)).status).toBe(200);
  });

  it('lists only the organisation’s apps, newest first', async () => {
    const res = await call(viewerA, 'console-apps-list');
    const ids = res.body.data.items.map((a: { appId: string }) => a.appId);
    expect(ids).toContain(appA.appId);
    expect(ids).toContain(appA2);
    expect(ids).not.toContain(appB.appId);
    const created = res.body.data.items.map((a: { createdAt: string }) => a.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('edits name, whitelist and webhook, and removes the webhook with null', async () => {
    const res = await call(developerA, 'console-apps-update', {
      params: { appId: appA2 },
      body: { name: 'Renamed', ipWhitelist: ['10.1.0.0/16'], webhookUrl: 'https://hooks.example.com/procure' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: 'Renamed',
      ipWhitelist: ['10.1.0.0/16'],
      webhookUrl: 'https://hooks.example.com/procure',
    });
    const cleared = await call(developerA, 'console-apps-update', {
      params: { appId: appA2 },
      body: { webhookUrl: null },
    });
    expect(cleared.body.data.webhookUrl).toBeUndefined();
  });

  it('refuses bad settings with every failing field and changes nothing', async () => {
    const before = await call(orgA.owner, 'console-apps-get', { params: { appId: appA2 } });
    const res = await call(orgA.owner, 'console-apps-update', {
      params: { appId: appA2 },
      body: { name: '  ', ipWhitelist: ['10.0.0.0/33', '1.2.3.4', 'fe80::1/129'], webhookUrl: 'ftp://x', extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(40001);
    const fields = res.body.data.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'ipWhitelist.0', 'ipWhitelist.2', 'webhookUrl', 'extra']));
    expect(fields).not.toContain('ipWhitelist.1');
    // Outside the local runtime a webhook must be https and public.
    for (const webhookUrl of [
      'http://hooks.example.com/',
      'https://127.0.0.1/',
      'https://169.254.169.254/',
      'https://[::1]/',
    ]) {
      const refused = await call(orgA.owner, 'console-apps-update', { params: { appId: appA2 }, body: { webhookUrl } });
      expect(refused.body.data?.errors?.[0]?.field, webhookUrl).toBe('webhookUrl');
    }
    expect((await call(orgA.owner, 'console-apps-update', { params: { appId: appA2 }, body: {} })).status).toBe(400);
    expect((await call(orgA.owner, 'console-apps-update', { params: { appId: appA2 }, body: '{' })).body.code).toBe(
      40003,
    );
    expect((await call(orgA.owner, 'console-apps-create', { body: {} })).body.code).toBe(40002);
    const after = await call(orgA.owner, 'console-apps-get', { params: { appId: appA2 } });
    expect(after.body.data).toEqual(before.body.data);
  });

  it('disables and enables: a disabled app’s signed requests are refused at once', async () => {
    const off = await call(developerA, 'console-apps-disable', { params: { appId: appA.appId } });
    expect(off.body.data.status).toBe('DISABLED');
    expect((await signedList(appA)).body.code).toBe(40103);
    const on = await call(developerA, 'console-apps-enable', { params: { appId: appA.appId } });
    expect(on.body.data.status).toBe('ACTIVE');
    expect((await signedList(appA)).status).toBe(200);
  });
});

describe('secrets', () => {
  it('rotates with a grace period: both secrets work, the old one shows its expiry; revoking stops it now', async () => {
    const created = await call(orgA.owner, 'console-apps-create', { body: { name: 'rot' } });
    const id = created.body.data.app.appId as string;
    const first = created.body.data.appSecret as string;
    const res = await call(developerA, 'console-secrets-rotate', { params: { appId: id }, body: { graceHours: 24 } });
    expect(res.status).toBe(200);
    const second = res.body.data.appSecret as string;
    expect(second).not.toBe(first);
    const [newest, previous] = res.body.data.app.secrets;
    expect(newest.expiresAt).toBeUndefined();
    expect(Date.parse(previous.expiresAt) - Date.parse(newest.createdAt)).toBe(24 * 3_600_000);
    expect((await signedList({ appId: id, appSecret: first })).status).toBe(200);
    expect((await signedList({ appId: id, appSecret: second })).status).toBe(200);

    const revoked = await call(developerA, 'console-secrets-revoke', { params: { appId: id } });
    expect(revoked.body.data.secrets).toHaveLength(1);
    expect((await signedList({ appId: id, appSecret: first })).body.code).toBe(40101);
    expect((await signedList({ appId: id, appSecret: second })).status).toBe(200);
    const again = await call(developerA, 'console-secrets-revoke', { params: { appId: id } });
    expect([again.status, again.body.code]).toEqual([409, 40902]);
  });

  it('keeps the old secret until revoked with graceHours null, and drops it at once with 0', async () => {
    const created = await call(orgA.owner, 'console-apps-create', { body: { name: 'rot2' } });
    const appId = created.body.data.app.appId as string;
    const old = created.body.data.appSecret as string;
    const kept = await call(orgA.owner, 'console-secrets-rotate', { params: { appId }, body: { graceHours: null } });
    expect(kept.body.data.app.secrets).toHaveLength(2);
    expect(kept.body.data.app.secrets[1].expiresAt).toBeUndefined();
    expect((await signedList({ appId, appSecret: old })).status).toBe(200);
    const dropped = await call(orgA.owner, 'console-secrets-rotate', { params: { appId }, body: { graceHours: 0 } });
    expect(dropped.body.data.app.secrets).toHaveLength(1);
    expect((await signedList({ appId, appSecret: kept.body.data.appSecret })).body.code).toBe(40101);
  });

  it('refuses a grace period outside 0..168 whole hours, or none at all', async () => {
    for (const body of [{ graceHours: 169 }, { graceHours: -1 }, { graceHours: 1.5 }, { graceHours: '1' }])
      expect((await call(orgA.owner, 'console-secrets-rotate', { params: { appId: appA2 }, body })).body.code).toBe(
        40001,
      );
    expect((await call(orgA.owner, 'console-secrets-rotate', { params: { appId: appA2 }, body: {} })).body.code).toBe(
      40002,
    );
  });
});

/** A local webhook receiver that records what it got and answers `status`. */
async function receiver(status: number) {
  const received: { headers: IncomingMessage['headers']; body: string; path: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body, path: req.url ?? '' });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=t`;
  return { url, received, close: () => new Promise<void>((done) => server.close(() => done())) };
}

describe('webhooks (loopback receivers, as on the local runtime)', () => {
  let ok: Awaited<ReturnType<typeof receiver>>;
  let down: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    process.env.LOCAL_RUNTIME = 'true';
    ok = await receiver(204);
    down = await receiver(503);
  });
  afterAll(async () => {
    delete process.env.LOCAL_RUNTIME;
    await ok.close();
    await down.close();
  });

  it('sends a signed ping and answers status and latency inline; a failing receiver gives the error', async () => {
    await call(orgA.owner, 'console-apps-update', { params: { appId: appA.appId }, body: { webhookUrl: ok.url } });
    const res = await call(developerA, 'console-webhook-test', { params: { appId: appA.appId } });
    expect(res.body.data).toMatchObject({ ok: true, status: 204 });
    expect(res.body.data.latencyMs).toBeGreaterThanOrEqual(0);
    const [ping] = ok.received;
    const event = JSON.parse(ping!.body);
    expect(event.type).toBe('ping');
    expect(ping!.headers['x-signature']).toBe(
      sign(appA.appSecret, 'POST', '/hook?token=t', ping!.headers['x-timestamp'] as string, ping!.body),
    );

    await call(orgA.owner, 'console-apps-update', { params: { appId: appA.appId }, body: { webhookUrl: down.url } });
    const failed = await call(developerA, 'console-webhook-test', { params: { appId: appA.appId } });
    expect(failed.body.data).toMatchObject({ ok: false, status: 503, error: 'HTTP 503' });
    const none = await call(developerA, 'console-webhook-test', { params: { appId: appA2 } });
    expect([none.status, none.body.code]).toEqual([409, 40902]);
  });

  it('lists delivery records newest first and redelivers a failed or dead one', async () => {
    const event = (n: number): OutgoingEvent => ({
      eventId: `evt_console_${n}_${appA.appId}`,
      type: 'intent.status_changed',
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
      data: { id: `intent_${n}`, status: 'PROCESSING', previousStatus: 'SUBMITTED' },
    });
    // The sender's path: a failure with a retry ahead, a dead letter, and a success.
    await recordAttempt(appA.appId, event(1), {
      result: { ok: false, error: 'timeout', durationMs: 5000 },
      retryInSeconds: 60,
    });
    await recordAttempt(appA.appId, event(2), {
      result: { ok: false, status: 500, error: 'HTTP 500', durationMs: 3 },
      retryInSeconds: null,
    });
    await recordAttempt(appA.appId, event(3), {
      result: { ok: true, status: 200, durationMs: 3 },
      retryInSeconds: null,
    });

    const list = await call(viewerA, 'console-deliveries-list', { params: { appId: appA.appId } });
    const items = list.body.data.items as { deliveryId: string; state: string; eventId: string }[];
    expect(items.map((d) => d.state)).toEqual(['DELIVERED', 'DEAD', 'FAILED']);
    expect(items[2]).toMatchObject({ attempts: 1, lastError: 'timeout', intentId: 'intent_1' });
    expect((items[2] as { nextAttemptAt?: string }).nextAttemptAt).toBeDefined();
    expect(
      (await call(viewerA, 'console-deliveries-list', { params: { appId: appA.appId }, query: 'limit=1' })).body.data
        .items,
    ).toHaveLength(1);
    expect(
      (await call(viewerA, 'console-deliveries-list', { params: { appId: appA.appId }, query: 'limit=0' })).body.code,
    ).toBe(40001);

    await call(orgA.owner, 'console-apps-update', { params: { appId: appA.appId }, body: { webhookUrl: ok.url } });
    const before = ok.received.length;
    const dead = items[1]!;
    const redelivered = await call(developerA, 'console-deliveries-redeliver', {
      params: { appId: appA.appId, deliveryId: dead.deliveryId },
    });
    expect(redelivered.body.data).toMatchObject({ state: 'DELIVERED', attempts: 2, lastStatus: 204 });
    expect(JSON.parse(ok.received[before]!.body).eventId).toBe(dead.eventId);
    const delivered = await call(developerA, 'console-deliveries-redeliver', {
      params: { appId: appA.appId, deliveryId: items[0]!.deliveryId },
    });
    expect([delivered.status, delivered.body.code]).toEqual([409, 40902]);
    // Another app's delivery, even in the same organisation, and made-up ids are not there.
    const elsewhere = await call(developerA, 'console-deliveries-redeliver', {
      params: { appId: appA2, deliveryId: items[2]!.deliveryId },
    });
    expect(elsewhere.status).toBe(404);
    const bogus = await call(developerA, 'console-deliveries-redeliver', {
      params: { appId: appA.appId, deliveryId: 'dlv_nope' },
    });
    expect(bogus.status).toBe(404);
  });
});

describe('intents browser', () => {
  let intentId: string;
  beforeAll(async () => {
    const created = await invoke(
      intentsCreate,
      signedEvent(appA, { method: 'POST', path: '/api/v1/intents', body: JSON.stringify(intentInput) }),
    );
    intentId = created.body.data.id;
    // List totals follow the table's stream: let the counters consumer catch up first.
    await settleCounters();
  });

  it('lists with the partner API’s filters and validation, and shows the intent masked, with its events', async () => {
    const list = await call(viewerA, 'console-intents-list', {
      params: { appId: appA.appId },
      query: 'status=SUBMITTED&pageSize=5&sortBy=createdAt&order=desc',
    });
    expect(list.status).toBe(200);
    expect(list.body.data).toMatchObject({ page: 1, pageSize: 5, total: 1 });
    expect(list.body.data.items[0].id).toBe(intentId);
    expect(
      (await call(viewerA, 'console-intents-list', { params: { appId: appA.appId }, query: 'sortBy=phone' })).body.code,
    ).toBe(40001);

    const detail = await call(viewerA, 'console-intents-get', { params: { appId: appA.appId, intentId } });
    expect(detail.body.data.phone).toBe('138****8000');
    expect(detail.body.data.id).toBe(intentId);
    const events = await call(viewerA, 'console-intents-events', { params: { appId: appA.appId, intentId } });
    expect(events.body.data.id).toBe(intentId);
    expect(events.body.data.items.length).toBeGreaterThan(0);
  });

  it('answers 404 for the intent through another app, even one of the same organisation', async () => {
    for (const name of ['console-intents-get', 'console-intents-events'] as const) {
      expect((await call(viewerA, name, { params: { appId: appA2, intentId } })).status).toBe(404);
      expect((await call(viewerA, name, { params: { appId: appA.appId, intentId: 'intent_nope' } })).status).toBe(404);
    }
  });
});

describe('team', () => {
  it('owners invite with a role and remove; a removed member’s token stops working at once', async () => {
    const email = `new-${Date.now()}@example.com`;
    const res = await call(orgA.owner, 'console-team-invite', { body: { email: email.toUpperCase(), role: 'viewer' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ email, role: 'viewer' });
    // The temporary password is the local runtime's only.
    expect(res.body.data.temporaryPassword).toBeUndefined();
    const newcomer = { sub: invited.get(email)!, email };
    expect((await call(newcomer, 'console-me')).body.data.role).toBe('viewer');
    const again = await call(orgA.owner, 'console-team-invite', { body: { email, role: 'owner' } });
    expect([again.status, again.body.code]).toEqual([409, 40902]);
    const team = await call(newcomer, 'console-team-list');
    expect(team.body.data.items.map((m: { email: string }) => m.email)).toContain(email);

    const removed = await call(orgA.owner, 'console-team-remove', { params: { memberId: res.body.data.memberId } });
    expect(removed.body.data).toEqual({ memberId: res.body.data.memberId, removed: true });
    const after = await call(newcomer, 'console-apps-list');
    expect([after.status, after.body.code]).toEqual([401, 40101]);
    const twice = await call(orgA.owner, 'console-team-remove', { params: { memberId: res.body.data.memberId } });
    expect(twice.status).toBe(404);
  });

  it('returns the temporary password on the local runtime', async () => {
    process.env.LOCAL_RUNTIME = 'true';
    try {
      const res = await call(orgB.owner, 'console-team-invite', {
        body: { email: `local-${Date.now()}@example.com`, role: 'developer' },
      });
      expect(res.body.data.temporaryPassword).toBe('Temp-Password-1');
    } finally {
      delete process.env.LOCAL_RUNTIME;
    }
  });

  it('never removes the last owner, and refuses bad invitations', async () => {
    const org = await createTestOrganisation();
    const last = await call(org.owner, 'console-team-remove', { params: { memberId: org.owner.memberId } });
    expect([last.status, last.body.code]).toEqual([409, 40902]);
    expect((await call(org.owner, 'console-me')).status).toBe(200);
    const second = await addTestMember(org.orgId, 'owner');
    expect((await call(second, 'console-team-remove', { params: { memberId: org.owner.memberId } })).status).toBe(200);
    const bad = await call(second, 'console-team-invite', { body: { email: 'not-an-email', role: 'admin' } });
    expect(bad.body.data.errors.map((e: { field: string }) => e.field)).toEqual(['email', 'role']);
    expect((await call(second, 'console-team-invite', { body: { role: 'viewer' } })).body.code).toBe(40002);
    // Another organisation's member id is not there.
    expect((await call(second, 'console-team-remove', { params: { memberId: viewerA.memberId } })).status).toBe(404);
  });
});

describe('audit log', () => {
  it('records every console action with who, what, which app, when and from where; owners page through it', async () => {
    const org = await createTestOrganisation('Audited');
    const created = await call(org.owner, 'console-apps-create', {
      body: { name: 'audited' },
      sourceIp: '198.51.100.7',
    });
    const appId = created.body.data.app.appId;
    await call(org.owner, 'console-apps-disable', { params: { appId }, sourceIp: '198.51.100.7' });
    await call(org.owner, 'console-secrets-rotate', {
      params: { appId },
      body: { graceHours: 1 },
      sourceIp: '198.51.100.7',
    });
    // A refused change leaves no entry.
    await call(org.owner, 'console-apps-update', { params: { appId }, body: { name: '' } });

    const page1 = await call(org.owner, 'console-audit-list', { query: 'limit=2' });
    expect(page1.body.data.items.map((e: { action: string }) => e.action)).toEqual(['secret.rotate', 'app.disable']);
    expect(page1.body.data.items[0]).toMatchObject({
      actor: { sub: org.owner.sub, email: org.owner.email },
      appId,
      sourceIp: '198.51.100.7',
      detail: { graceHours: 1 },
    });
    const page2 = await call(org.owner, 'console-audit-list', {
      query: `limit=2&cursor=${page1.body.data.nextCursor}`,
    });
    expect(page2.body.data.items.map((e: { action: string }) => e.action)).toEqual(['app.create']);
    expect(page2.body.data.nextCursor).toBeUndefined();
    expect((await call(org.owner, 'console-audit-list', { query: 'cursor=bm9wZQ' })).body.code).toBe(40001);
    expect((await call(org.owner, 'console-audit-list', { query: 'limit=1&limit=2' })).body.code).toBe(40001);
  });
});

describe('authorisation on every route', () => {
  // Params that name A's resources; B's members must get 404 for each, never 403.
  const paramsOf = (path: string) => ({
    ...(path.includes('{appId}') ? { appId: appA.appId } : {}),
    ...(path.includes('{intentId}') ? { intentId: 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA' } : {}),
    ...(path.includes('{deliveryId}') ? { deliveryId: 'dlv_01JAAAAAAA0123456789abcdef' } : {}),
    ...(path.includes('{memberId}') ? { memberId: viewerA.memberId } : {}),
  });
  const bodies: Partial<Record<ConsoleHandlerName, unknown>> = {
    'console-apps-create': { name: 'x' },
    'console-apps-update': { name: 'x' },
    'console-secrets-rotate': { graceHours: 1 },
    'console-team-invite': { email: 'x@example.com', role: 'viewer' },
  };

  it.each(consoleRoutes.map((r) => [r.handler, r] as const))('%s: 401 without a member', async (name) => {
    const route = consoleRoutes.find((r) => r.handler === name)!;
    for (const who of [undefined, newIdentity()]) {
      const res = await call(who, name, { params: paramsOf(route.path), body: bodies[name] });
      expect([res.status, res.body.code, res.body.message]).toEqual([401, 40101, '未登录或登录已过期']);
    }
  });

  const writes = consoleRoutes.filter((r) => r.method !== 'GET');
  it.each(writes.map((r) => [r.handler]))('%s: a viewer changes nothing (403)', async (name) => {
    const route = consoleRoutes.find((r) => r.handler === name)!;
    const before = await rawTable().scanByPrefix(`ORG#${orgA.orgId}`);
    const res = await call(viewerA, name as ConsoleHandlerName, {
      params: paramsOf(route.path),
      body: bodies[name as ConsoleHandlerName],
    });
    expect([res.status, res.body.code]).toEqual([403, 40302]);
    expect(await rawTable().scanByPrefix(`ORG#${orgA.orgId}`)).toEqual(before);
  });

  it('developers may not manage the team nor read the audit log', async () => {
    for (const name of ['console-team-invite', 'console-team-remove', 'console-audit-list'] as const) {
      const route = consoleRoutes.find((r) => r.handler === name)!;
      const res = await call(developerA, name, { params: paramsOf(route.path), body: bodies[name] });
      expect([res.status, res.body.code], name).toEqual([403, 40302]);
    }
  });

  const appRoutes = consoleRoutes.filter((r) => r.path.includes('{appId}') || r.path.includes('{memberId}'));
  it.each(appRoutes.map((r) => [r.handler]))('%s: 404 for another organisation’s ids', async (name) => {
    const route = consoleRoutes.find((r) => r.handler === name)!;
    const before = (await rawTable().get({ pk: `APP#${appA.appId}`, sk: 'APP' }))!;
    const res = await call(orgB.owner, name as ConsoleHandlerName, {
      params: paramsOf(route.path),
      body: bodies[name as ConsoleHandlerName],
    });
    expect([res.status, res.body.code]).toEqual([404, 40401]);
    expect(await rawTable().get({ pk: `APP#${appA.appId}`, sk: 'APP' })).toEqual(before);
  });

  it('an app no organisation owns is not found either, nor is an id too long to be a key', async () => {
    const { app } = await createApp({ name: 'platform only' });
    clearAppCache();
    expect((await call(orgA.owner, 'console-apps-get', { params: { appId: app.appId } })).status).toBe(404);
    expect((await call(orgA.owner, 'console-apps-get', { params: { appId: 'a'.repeat(3000) } })).status).toBe(404);
  });
});
