// The JD VOP pieces around the adapter: the client's token handling, the settings, and one poller run (balance
// metric, redrive of intents stuck without a JD order through the consumer's lookup-first path).
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type JdVopSimulator, startJdVopSimulator } from '../../local/jd-vop-sim/server';
import type { Intent } from '../../shared/domain/intent';
import type { FulfilmentStore } from '../../shared/fulfilment/consumer';
import { vopClient } from '../../shared/fulfilment/jd-vop/client';
import { VopMalformed, VopUnavailable } from '../../shared/fulfilment/jd-vop/errors';
import { runJdPoll } from '../../shared/fulfilment/jd-vop/poll';
import { METHODS } from '../../shared/fulfilment/jd-vop/protocol';
import { parseVopSettings, vopSettingsFromEnv, vopSettingsFromSecret } from '../../shared/fulfilment/jd-vop/settings';
import { parseListQuery } from '../../shared/schemas/list-query';
import { jdIntent, memoryProgressStore, silentLog, wire } from '../support/jd-vop';

let sim: JdVopSimulator;
beforeEach(async () => {
  sim = await startJdVopSimulator({ hangMs: 500, tokenTtlSec: 3600 });
});
afterEach(async () => {
  await sim.close();
});

describe('VOP client', () => {
  it('refreshes an expired access token with the refresh token instead of signing in again', async () => {
    let clock = Date.now();
    const settings = parseVopSettings({ url: sim.url, ...sim.credentials }, 'test');
    const client = vopClient({ settings, now: () => clock, backoffMs: 1 });
    await client.call(METHODS.balance, { pin: 'p', type: '1' });
    clock += 3600_000; // our clock says the token is past its life; VOP's still accepts it

    await client.call(METHODS.balance, { pin: 'p', type: '1' });

    expect(sim.calls.get(METHODS.accessToken)).toBe(1);
    expect(sim.calls.get(METHODS.refreshToken)).toBe(1);
  });

  it('refuses to sign in with a wrong password and says which call failed, without the secret', async () => {
    const settings = parseVopSettings({ url: sim.url, ...sim.credentials, password: 'wrong' }, 'test');
    const error = await vopClient({ settings })
      .call(METHODS.balance, {})
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'VopRefusal', method: METHODS.accessToken });
    expect(String(error)).not.toContain(sim.credentials.clientSecret);
  });

  it('retries repeatable calls on HTTP errors with backoff, and gives up after its attempts', async () => {
    const settings = parseVopSettings({ url: sim.url, ...sim.credentials }, 'test');
    const sleep = vi.fn(async (_ms: number) => {});
    sim.inject(METHODS.balance, 'http-500', 3);
    await expect(vopClient({ settings, sleep, attempts: 3 }).call(METHODS.balance, {})).rejects.toBeInstanceOf(
      VopUnavailable,
    );
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([200, 400]);
  });

  it('an answer that is not the envelope is VopMalformed, not a refusal or a success', async () => {
    const settings = parseVopSettings({ url: sim.url, ...sim.credentials }, 'test');
    sim.inject(METHODS.balance, 'malformed');
    await expect(vopClient({ settings }).call(METHODS.balance, {})).rejects.toBeInstanceOf(VopMalformed);
  });
});

describe('VOP settings', () => {
  it('reads JD_VOP_* variables with defaults for payment and invoice', () => {
    const settings = vopSettingsFromEnv({
      JD_VOP_URL: 'http://127.0.0.1:9',
      JD_VOP_CLIENT_ID: 'c',
      JD_VOP_CLIENT_SECRET: 's',
      JD_VOP_USERNAME: 'u',
      JD_VOP_PASSWORD: 'p',
    });
    expect(settings).toMatchObject({
      url: 'http://127.0.0.1:9',
      paymentType: '4',
      invoiceState: '2',
      invoiceType: '3',
    });
  });

  it('names the missing fields, never the values it has', () => {
    expect(() => vopSettingsFromEnv({ JD_VOP_CLIENT_SECRET: 'very-secret-value' })).toThrow(
      /clientId, username, password/,
    );
    expect(() => vopSettingsFromEnv({ JD_VOP_CLIENT_SECRET: 'very-secret-value' })).not.toThrow(/very-secret-value/);
  });

  it('reads the JSON secret from Secrets Manager', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        clientId: 'c',
        clientSecret: 's',
        username: 'u',
        password: 'p',
        paymentType: '101',
      }),
    });
    const settings = await vopSettingsFromSecret('arn:secret', new SecretsManagerClient({ region: 'local' }));
    expect(settings).toMatchObject({ clientId: 'c', paymentType: '101', url: 'https://bizapi.jd.com' });
    expect(sm.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({ SecretId: 'arn:secret' });
    sm.restore();
  });
});

describe('one poller run', () => {
  function consumerStore(intents: Intent[]): FulfilmentStore & { byId: Map<string, Intent> } {
    const byId = new Map(intents.map((i) => [i.id, i]));
    return {
      byId,
      current: async (id) => byId.get(id),
      startProcessing: async () => undefined,
      complete: async () => undefined,
      fail: async () => undefined,
      recordOrder: async (id, _platform, orderId) => {
        const after = { ...byId.get(id)!, orderId };
        byId.set(id, after);
        return after;
      },
      recordCancelRefusal: async () => {},
    };
  }

  it('redrives a JD intent stuck without an order through the lookup-first path, skips one already placed', async () => {
    const { adapter, api } = wire(sim);
    const stuck = jdIntent({ id: 'intent_01JCCCCCCCCCCCCCCCCCCCCCCC' });
    const placed = jdIntent({ id: 'intent_01JDDDDDDDDDDDDDDDDDDDDDDD', orderId: '1' });
    // The lost first attempt: the order exists in VOP, unconfirmed, and the intent never heard of it.
    sim.inject(METHODS.submit, 'timeout-after');
    await wire(sim, { attempts: 1 })
      .adapter.fulfil(stuck)
      .catch(() => {});
    const store = consumerStore([stuck, placed]);
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const list = vi.fn(async () => ({ items: [{ id: stuck.id }, { id: placed.id }], total: 2 }));

    const result = await runJdPoll({
      api: async () => api,
      log,
      progress: memoryProgressStore([]).store,
      consumer: { store, adapterFor: () => adapter, log: silentLog, adapterTimeoutMs: 5000 },
      appIds: async () => ['app_1'],
      list,
      redriveAfterMinutes: 10,
      now: () => Date.parse('2026-01-01T01:00:00.000Z'),
    });

    expect(result.redriven).toBe(1);
    expect(sim.account.orders.size).toBe(1);
    const [order] = [...sim.account.orders.values()];
    expect(order).toMatchObject({ thirdOrder: stuck.id, confirmed: true });
    expect(store.byId.get(stuck.id)?.orderId).toBe(String(order!.jdOrderId));
    expect(list).toHaveBeenCalledWith(
      'app_1',
      parseListQuery(
        'status=PROCESSING&platform=JD&filter[updatedAt][lte]=2026-01-01T00%3A50%3A00.000Z&sortBy=updatedAt&order=asc&pageSize=20&fields=id',
      ),
    );
    // Read before the redrive confirmed (and paid for) the order.
    expect(result.balanceYuan).toBe(100_000);
    expect(log.info).toHaveBeenCalledWith('jd-vop balance', expect.objectContaining({ JdVopBalanceYuan: 100_000 }));
    expect(sim.account.balanceFen).toBe(100_000_00 - 5997);
  });
});
