// The operator console's routes on DynamoDB Local through the real chain (claims → operators group → store): the
// queue, claims and their races, outcomes through the shared code path (the same as `npm run ops`), price
// tolerance at and over the boundary, apps' settings, dead letters, and 403 for every route called by a partner.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as consoleAppsList } from '../../functions/console-apps-list';
import { handler as consoleMe } from '../../functions/console-me';
import { handler as intentsUpdate } from '../../functions/intents-update';
import { createApp } from '../../shared/apps/registry';
import { ClaimTakenError, claimIntent, getClaim } from '../../shared/fulfilment/claims';
import { recordOutcome } from '../../shared/fulfilment/operator';
import { opsRoutes } from '../../shared/routes';
import { getIntent, listEvents } from '../../shared/store/intents';
import { auditPk, OPERATORS_AUDIT_ID } from '../../shared/store/keys/console';
import { recordAttempt } from '../../shared/webhooks/deliveries';
import type { OutgoingEvent } from '../../shared/webhooks/event';
import { addTestMember, consoleEvent, createTestOrganisation, type TestMember } from '../support/console';
import { rawTable } from '../support/dynamo';
import { invoke, signedEvent } from '../support/events';
import { callOps, newOperator, processingIntent } from '../support/ops';

process.env.FULFILMENT_ADAPTERS = 'TAOBAO=manual,PDD=manual,JD=sandbox';
process.env.SANDBOX_DELAY_MS = '0';

// The identity directory (Cognito or local accounts) is tested on its own; here it hands out a stable sub per e-mail.
vi.mock('../../shared/console/identity', () => ({
  identityDirectory: () => ({
    invite: async (email: string) => ({ sub: `sub-${email}`, temporaryPassword: 'Temp-Password-1' }),
  }),
}));

const alice = newOperator();
const bob = newOperator();
let org: { orgId: string; owner: TestMember };
let app: { appId: string; appSecret: string };
let otherApp: string;

beforeAll(async () => {
  org = await createTestOrganisation('Ops org');
  const created = await createApp({ name: 'Ops shop', orgId: org.orgId });
  app = { appId: created.app.appId, appSecret: created.app.secrets[0]!.secret };
  otherApp = (await createApp({ name: 'Elsewhere' })).app.appId;
});

let stamp = Date.now();
async function partnerCancel(id: string) {
  stamp = Math.min(stamp - 1, Date.now());
  return invoke(
    intentsUpdate,
    signedEvent(app, {
      method: 'PUT',
      path: `/api/v1/intents/${id}`,
      pathParameters: { id },
      body: JSON.stringify({ status: 'CANCELLED' }),
      timestamp: String(stamp),
    }),
  );
}

async function auditActions(orgId: string): Promise<string[]> {
  return (await rawTable().scanByPrefix(auditPk(orgId))).map((i) => String(i.action));
}

describe('who may call the operator routes', () => {
  it.each(opsRoutes.map((r) => [r.handler, r] as const))('%s: 403 for a partner, 401 signed out', async (name) => {
    const partner = await addTestMember(org.orgId, 'owner');
    const forbidden = await callOps(partner, name, { params: { intentId: 'intent_x', appId: app.appId }, body: {} });
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 40302]);
    const signedOut = await callOps(undefined, name, { params: { intentId: 'intent_x', appId: app.appId } });
    expect([signedOut.status, signedOut.body.code]).toEqual([401, 40101]);
  });

  it('an operator without an organisation still gets `me` (orgId empty), and partner routes stay closed to them', async () => {
    const me = await invoke(consoleMe, consoleEvent(alice, { method: 'GET', path: '/console/api/me' }));
    expect(me.body.data).toMatchObject({ sub: alice.sub, orgId: '', operator: true });
    const list = await invoke(consoleAppsList, consoleEvent(alice, { method: 'GET', path: '/console/api/apps' }));
    expect(list.status).toBe(401);
  });
});

describe('the queue', () => {
  it('lists manual PROCESSING intents across apps, oldest first, with platform counts and filters', async () => {
    const old = await processingIntent(app.appId, { platform: 'PDD', at: new Date(Date.now() - 90 * 60_000) });
    const fresh = await processingIntent(otherApp, { platform: 'TAOBAO' });
    const sandboxed = await processingIntent(app.appId, { platform: 'JD' });
    const all = await callOps(alice, 'console-ops-queue');
    expect(all.status).toBe(200);
    const ids = all.body.data.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(old.id);
    expect(ids).toContain(fresh.id);
    expect(ids).not.toContain(sandboxed.id);
    expect(ids.indexOf(old.id)).toBeLessThan(ids.indexOf(fresh.id));
    expect(all.body.data.manualPlatforms).toEqual(['TAOBAO', 'PDD']);
    expect(all.body.data.countsByPlatform.PDD).toBeGreaterThanOrEqual(1);
    const entry = all.body.data.items.find((i: { id: string }) => i.id === old.id);
    expect(entry).toMatchObject({
      appId: app.appId,
      appName: 'Ops shop',
      orgId: org.orgId,
      platform: 'PDD',
      price: 100,
    });
    expect(entry.ageMinutes).toBeGreaterThanOrEqual(89);

    const byOrg = await callOps(alice, 'console-ops-queue', { query: `orgId=${org.orgId}` });
    expect(byOrg.body.data.items.map((i: { id: string }) => i.id)).not.toContain(fresh.id);
    const byPlatform = await callOps(alice, 'console-ops-queue', { query: 'platform=TAOBAO' });
    expect(byPlatform.body.data.items.every((i: { platform: string }) => i.platform === 'TAOBAO')).toBe(true);
    const byAge = await callOps(alice, 'console-ops-queue', { query: 'minAgeMinutes=60' });
    const aged = byAge.body.data.items.map((i: { id: string }) => i.id);
    expect(aged).toContain(old.id);
    expect(aged).not.toContain(fresh.id);
    const bad = await callOps(alice, 'console-ops-queue', { query: 'platform=AMAZON&minAgeMinutes=-1' });
    expect([bad.status, bad.body.code]).toEqual([400, 40001]);
  });
});

describe('claims', () => {
  it('20 concurrent claims: exactly one wins, the others are told who holds it', async () => {
    const intent = await processingIntent(app.appId);
    const operators = Array.from({ length: 20 }, () => newOperator());
    const answers = await Promise.all(
      operators.map((o) => callOps(o, 'console-ops-claim', { params: { intentId: intent.id } })),
    );
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    const winner = operators[answers.indexOf(won[0]!)]!;
    for (const lost of answers.filter((a) => a.status !== 200)) {
      expect([lost.status, lost.body.code]).toEqual([409, 40902]);
      expect(lost.body.message).toContain(winner.email);
    }
    expect((await getClaim(intent.id))?.holder.sub).toBe(winner.sub);
    // The queue shows it as taken, and as the winner's own to the winner.
    const queue = await callOps(winner, 'console-ops-queue');
    const entry = queue.body.data.items.find((i: { id: string }) => i.id === intent.id);
    expect(entry.claim).toMatchObject({ holderEmail: winner.email, mine: true });
  });

  it('renews the holder’s claim, lets an expired one be taken over, and releases only the holder’s', async () => {
    const intent = await processingIntent(app.appId);
    await claimIntent(intent.id, bob, new Date(Date.now() - 16 * 60_000)); // expired a minute ago
    const takeover = await callOps(alice, 'console-ops-claim', { params: { intentId: intent.id } });
    expect(takeover.status).toBe(200);
    expect(takeover.body.data.claim).toMatchObject({ holderEmail: alice.email, mine: true });
    const renewed = await callOps(alice, 'console-ops-claim', { params: { intentId: intent.id } });
    expect(Date.parse(renewed.body.data.claim.expiresAt)).toBeGreaterThanOrEqual(
      Date.parse(takeover.body.data.claim.expiresAt),
    );
    const notBobs = await callOps(bob, 'console-ops-release', { params: { intentId: intent.id } });
    expect([notBobs.status, notBobs.body.code]).toEqual([409, 40902]);
    expect((await callOps(alice, 'console-ops-release', { params: { intentId: intent.id } })).status).toBe(200);
    expect((await callOps(bob, 'console-ops-claim', { params: { intentId: intent.id } })).status).toBe(200);
    expect(await auditActions(OPERATORS_AUDIT_ID)).toEqual(expect.arrayContaining(['ops.claim', 'ops.release']));
  });

  it('refuses to claim an intent that is not PROCESSING, and 404 for an unknown one', async () => {
    const intent = await processingIntent(app.appId);
    expect((await partnerCancel(intent.id)).status).toBe(200);
    const refused = await callOps(alice, 'console-ops-claim', { params: { intentId: intent.id } });
    expect([refused.status, refused.body.code]).toEqual([409, 40902]);
    expect(refused.body.message).toContain('CANCELLED');
    const tracking = await callOps(alice, 'console-ops-tracking', {
      params: { intentId: intent.id },
      body: { trackingNumber: 'SF1', trackingCompany: '顺丰速运' },
    });
    expect([tracking.status, tracking.body.message]).toEqual([409, expect.stringContaining('CANCELLED')]);
    const unknown = await callOps(alice, 'console-ops-claim', {
      params: { intentId: 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('outcomes', () => {
  it('completes at exactly the tolerance boundary; one fen over is refused and changes nothing', async () => {
    const intent = await processingIntent(app.appId, { price: 100 });
    await callOps(alice, 'console-ops-claim', { params: { intentId: intent.id } });
    const over = await callOps(alice, 'console-ops-complete', {
      params: { intentId: intent.id },
      body: { orderId: 'TB-OVER', paidPrice: 105.01 },
    });
    expect([over.status, over.body.code]).toEqual([400, 40001]);
    expect(over.body.data.errors[0].field).toBe('paidPrice');
    expect(over.body.message).toContain('105.00');
    expect(await getIntent(intent.id)).toMatchObject({ status: 'PROCESSING', version: intent.version });
    expect((await getClaim(intent.id))?.holder.sub).toBe(alice.sub);

    const done = await callOps(alice, 'console-ops-complete', {
      params: { intentId: intent.id },
      body: { orderId: 'TB-AT', paidPrice: 105 },
    });
    expect(done.status).toBe(200);
    expect(done.body.data.intent).toMatchObject({ status: 'COMPLETED', orderId: 'TB-AT' });
    expect(done.body.data.paidPrice).toBe(105);
    expect((await listEvents(intent.id)).at(-1)).toMatchObject({
      actor: 'operator',
      from: 'PROCESSING',
      to: 'COMPLETED',
    });
    // The claim went with the outcome, and both audit logs name the operator.
    expect(await getClaim(intent.id)).toBeUndefined();
    const entries = await rawTable().scanByPrefix(auditPk(org.orgId));
    expect(entries.find((i) => i.action === 'ops.complete')).toMatchObject({
      actor: { sub: alice.sub, email: alice.email },
      appId: app.appId,
      detail: { intentId: intent.id, orderId: 'TB-AT', paidPrice: 105, byOperator: true },
    });
  });

  it('fails with PRICE_CHANGED stating the current price; bad codes and reasons are refused', async () => {
    const intent = await processingIntent(app.appId, { price: 100 });
    await callOps(alice, 'console-ops-claim', { params: { intentId: intent.id } });
    const bad = await callOps(alice, 'console-ops-fail', {
      params: { intentId: intent.id },
      body: { failureCode: 'EXPENSIVE', failureReason: ' ' },
    });
    expect(bad.body.data.errors.map((e: { field: string }) => e.field)).toEqual(['failureCode', 'failureReason']);
    const failed = await callOps(alice, 'console-ops-fail', {
      params: { intentId: intent.id },
      body: { failureCode: 'PRICE_CHANGED', failureReason: '商品价格变动,当前价格 120.00 元' },
    });
    expect(failed.body.data.intent).toMatchObject({
      status: 'FAILED',
      failureCode: 'PRICE_CHANGED',
      failureReason: '商品价格变动,当前价格 120.00 元',
    });
  });

  it('refuses an outcome without the claim, under another’s claim, or once the intent is done: 409 that says which', async () => {
    const intent = await processingIntent(app.appId);
    const body = { orderId: 'TB-1', paidPrice: 100 };
    const unclaimed = await callOps(alice, 'console-ops-complete', { params: { intentId: intent.id }, body });
    expect([unclaimed.status, unclaimed.body.message]).toEqual([409, expect.stringContaining('没有认领')]);
    await callOps(bob, 'console-ops-claim', { params: { intentId: intent.id } });
    const others = await callOps(alice, 'console-ops-complete', { params: { intentId: intent.id }, body });
    expect([others.status, others.body.message]).toEqual([409, expect.stringContaining(bob.email)]);
    // `npm run ops` (no holder) respects the console's claim too.
    await expect(
      recordOutcome({ verb: 'complete', intentId: intent.id, ...body, paidPriceFen: 10000 }),
    ).rejects.toThrow(ClaimTakenError);
    expect((await callOps(bob, 'console-ops-complete', { params: { intentId: intent.id }, body })).status).toBe(200);
    const again = await callOps(bob, 'console-ops-fail', {
      params: { intentId: intent.id },
      body: { failureCode: 'OUT_OF_STOCK', failureReason: '库存不足' },
    });
    expect([again.status, again.body.message]).toEqual([409, expect.stringContaining('COMPLETED')]);
    expect(await getIntent(intent.id)).toMatchObject({ status: 'COMPLETED', orderId: 'TB-1' });
  });

  it('the holder completing twice at once: exactly one wins', async () => {
    const intent = await processingIntent(app.appId);
    await callOps(alice, 'console-ops-claim', { params: { intentId: intent.id } });
    const answers = await Promise.all(
      ['TB-A', 'TB-B'].map((orderId) =>
        callOps(alice, 'console-ops-complete', { params: { intentId: intent.id }, body: { orderId, paidPrice: 100 } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!;
    expect((await getIntent(intent.id))?.orderId).toBe(winner.body.data.intent.orderId);
    expect((await listEvents(intent.id)).filter((e) => e.to === 'COMPLETED')).toHaveLength(1);
  });

  it('an outcome racing a partner’s cancel: one wins, the other is told why', async () => {
    for (let round = 0; round < 5; round++) {
      const intent = await processingIntent(app.appId);
      await callOps(alice, 'console-ops-claim', { params: { intentId: intent.id } });
      const [outcome, cancel] = await Promise.all([
        callOps(alice, 'console-ops-complete', {
          params: { intentId: intent.id },
          body: { orderId: `TB-R${round}`, paidPrice: 100 },
        }),
        partnerCancel(intent.id),
      ]);
      const final = await getIntent(intent.id);
      if (outcome.status === 200) {
        expect(final?.status).toBe('COMPLETED');
        expect([cancel.status, cancel.body.code]).toEqual([409, 40902]);
      } else {
        expect(final?.status).toBe('CANCELLED');
        expect(cancel.status).toBe(200);
        expect([outcome.status, outcome.body.message]).toEqual([409, expect.stringContaining('CANCELLED')]);
        expect(final?.orderId).toBeUndefined();
      }
    }
  });
});

describe('apps', () => {
  it('operators set the price tolerance, limits and status of any organisation’s app; the tolerance applies at once', async () => {
    const created = await createApp({ name: 'Tolerant' });
    const appId = created.app.appId;
    const bad = await callOps(alice, 'console-ops-apps-update', {
      params: { appId },
      body: { priceTolerancePercent: 100.5, limits: { create: 0 }, status: 'GONE' },
    });
    expect(bad.body.data.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'limits.create',
      'priceTolerancePercent',
      'status',
    ]);
    const set = await callOps(alice, 'console-ops-apps-update', {
      params: { appId },
      body: { priceTolerancePercent: 20, limits: { create: 3 }, status: 'DISABLED' },
    });
    expect(set.body.data).toMatchObject({
      appId,
      status: 'DISABLED',
      priceTolerancePercent: 20,
      limits: { create: 3, query: 100, update: 20 },
    });
    const list = await callOps(alice, 'console-ops-apps-list');
    expect(list.body.data.items.find((a: { appId: string }) => a.appId === appId)).toMatchObject({
      priceTolerancePercent: 20,
    });
    const intent = await processingIntent(appId, { price: 100 });
    await callOps(alice, 'console-ops-claim', { params: { intentId: intent.id } });
    const view = await callOps(alice, 'console-ops-intent-get', { params: { intentId: intent.id } });
    expect(view.body.data).toMatchObject({ priceTolerancePercent: 20, maxPaidPrice: 120 });
    expect(view.body.data.intent.phone).toBe('13800138000');
    const done = await callOps(alice, 'console-ops-complete', {
      params: { intentId: intent.id },
      body: { orderId: 'TB-20', paidPrice: 120 },
    });
    expect(done.status).toBe(200);
    expect((await callOps(alice, 'console-ops-apps-update', { params: { appId: 'app_nope' }, body: {} })).status).toBe(
      404,
    );
  });
});

describe('dead letters', () => {
  let receiver: Server;
  let received = 0;
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      received++;
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  });
  afterAll(() => new Promise<void>((done) => receiver.close(() => done())));

  it('groups dead-lettered deliveries by app and redrives one or all of an app’s', async () => {
    process.env.LOCAL_RUNTIME = 'true'; // loopback webhook targets are the local runtime's only
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const { app: hooked } = await createApp({ name: 'Hooked', webhookUrl: url });
      const dead = (n: number): OutgoingEvent =>
        ({
          eventId: `evt_dead_${n}_${Date.now()}`,
          type: 'intent.status_changed',
          occurredAt: new Date(Date.now() - n).toISOString(),
          data: { id: `intent_${n}` },
        }) as unknown as OutgoingEvent;
      for (const n of [1, 2, 3])
        await recordAttempt(hooked.appId, dead(n), {
          result: { ok: false, status: 500, error: 'HTTP 500', durationMs: 1 },
          retryInSeconds: null,
        });
      const list = await callOps(alice, 'console-ops-dead-letters');
      const group = list.body.data.apps.find((g: { appId: string }) => g.appId === hooked.appId);
      expect(group.items).toHaveLength(3);
      expect(group.items.every((d: { state: string }) => d.state === 'DEAD')).toBe(true);

      const one = await callOps(alice, 'console-ops-redrive', {
        params: { appId: hooked.appId },
        body: { deliveryId: group.items[0].deliveryId },
      });
      expect(one.body.data.results).toEqual([{ deliveryId: group.items[0].deliveryId, ok: true, status: 204 }]);
      const rest = await callOps(alice, 'console-ops-redrive', { params: { appId: hooked.appId }, body: {} });
      expect(rest.body.data.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
      expect(received).toBe(3);
      const after = await callOps(alice, 'console-ops-dead-letters');
      expect(after.body.data.apps.find((g: { appId: string }) => g.appId === hooked.appId)).toBeUndefined();
      expect(await auditActions(OPERATORS_AUDIT_ID)).toContain('ops.redrive');
    } finally {
      delete process.env.LOCAL_RUNTIME;
    }
  });
});

describe('stuck intents', () => {
  it('lists SUBMITTED and PROCESSING intents unchanged past the limit; retry runs them again', async () => {
    const longAgo = new Date(Date.now() - 3 * 3600_000);
    const stuckJd = await processingIntent(app.appId, { platform: 'JD', at: longAgo });
    const stuckManual = await processingIntent(app.appId, { platform: 'PDD', at: longAgo });
    const fresh = await processingIntent(app.appId, { platform: 'JD' });
    const list = await callOps(alice, 'console-ops-stuck', { query: 'minutes=120' });
    const ids = list.body.data.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([stuckJd.id, stuckManual.id]));
    expect(ids).not.toContain(fresh.id);
    expect(list.body.data.items.find((i: { id: string }) => i.id === stuckJd.id)).toMatchObject({
      status: 'PROCESSING',
      platform: 'JD',
      appName: 'Ops shop',
    });
    expect((await callOps(alice, 'console-ops-stuck', { query: 'minutes=x' })).status).toBe(400);

    // JD runs on the sandbox here: running its adapter again completes it; the manual one stays for a person.
    const retried = await callOps(alice, 'console-ops-retry', { params: { intentId: stuckJd.id } });
    expect(retried.body.data.intent.status).toBe('COMPLETED');
    const manual = await callOps(alice, 'console-ops-retry', { params: { intentId: stuckManual.id } });
    expect(manual.body.data.intent.status).toBe('PROCESSING');
    const done = await callOps(alice, 'console-ops-retry', { params: { intentId: stuckJd.id } });
    expect([done.status, done.body.code]).toEqual([409, 40902]);
    expect(await auditActions(OPERATORS_AUDIT_ID)).toContain('ops.retry');
  });
});

describe('organisations', () => {
  it('creates an organisation with its first owner, as `npm run accounts -- invite` does, and reads any audit log', async () => {
    const email = `Owner-${Date.now()}@Example.com`;
    const bad = await callOps(alice, 'console-ops-org-create', { body: { name: ' ', ownerEmail: 'nope' } });
    expect(bad.body.data.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'ownerEmail']);
    const created = await callOps(alice, 'console-ops-org-create', {
      body: { name: 'New partner', ownerEmail: email },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ orgName: 'New partner', email: email.toLowerCase(), role: 'owner' });
    const again = await callOps(alice, 'console-ops-org-create', { body: { name: 'Twice', ownerEmail: email } });
    expect([again.status, again.body.code]).toEqual([409, 40902]);

    const audit = await callOps(alice, 'console-ops-org-audit', {
      params: { orgId: created.body.data.orgId },
      query: 'limit=10',
    });
    expect(audit.body.data.items[0]).toMatchObject({
      action: 'ops.org.create',
      actor: { sub: alice.sub, email: alice.email },
    });
    const operators = await callOps(alice, 'console-ops-org-audit', { params: { orgId: 'OPERATORS' } });
    expect(operators.body.data.items.length).toBeGreaterThan(0);
    expect((await callOps(alice, 'console-ops-org-audit', { params: { orgId: 'org_nope' } })).status).toBe(404);
  });
});
