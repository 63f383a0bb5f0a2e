// The watchdog's retry of intents stuck in PROCESSING without a platform order, against the VOP simulator: the
// consumer's own lookup-first step, so a submit whose answer was lost never becomes a second JD order; adapters that
// cannot look their order up (people, the sandbox) are never retried; what is still stuck is counted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type JdVopSimulator, startJdVopSimulator } from '../../local/jd-vop-sim/server';
import type { Intent } from '../../shared/domain/intent';
import type { FulfilmentAdapter } from '../../shared/fulfilment/adapter';
import type { ConsumerDeps, FulfilmentStore } from '../../shared/fulfilment/consumer';
import { VopUnavailable } from '../../shared/fulfilment/jd-vop/errors';
import { METHODS } from '../../shared/fulfilment/jd-vop/protocol';
import type { ListFn } from '../../shared/fulfilment/stuck';
import { runWatchdog } from '../../shared/fulfilment/watchdog';
import { jdIntent, silentLog, wire } from '../support/jd-vop';

const NOW = Date.parse('2026-01-01T03:00:00.000Z');
const LONG_AGO = '2026-01-01T00:00:00.000Z';

let sim: JdVopSimulator;
beforeEach(async () => {
  sim = await startJdVopSimulator({ hangMs: 1000 });
});
afterEach(async () => {
  await sim.close();
});

/** Intents in memory; recording an order touches updatedAt, as the table's transition does. */
function memoryStore(intents: Intent[]): FulfilmentStore & { byId: Map<string, Intent> } {
  const byId = new Map(intents.map((i) => [i.id, i]));
  return {
    byId,
    current: async (id) => byId.get(id),
    startProcessing: async () => undefined,
    complete: async () => undefined,
    fail: async (id, failure) => {
      const after = { ...byId.get(id)!, ...failure, status: 'FAILED' as const, updatedAt: new Date(NOW).toISOString() };
      byId.set(id, after);
      return after;
    },
    recordOrder: async (id, _platform, orderId) => {
      const after = { ...byId.get(id)!, orderId, updatedAt: new Date(NOW).toISOString() };
      byId.set(id, after);
      return after;
    },
    recordCancelRefusal: async () => {},
  };
}

/** The list route's query over the store: PROCESSING, the platform if asked, not updated since the cutoff. */
function listOver(store: { byId: Map<string, Intent> }): ListFn {
  return async (_appId, query) => {
    const want = (field: string) => query.conditions.find((c) => c.field === field)?.values[0];
    const items = [...store.byId.values()].filter(
      (i) =>
        i.status === want('status') &&
        (want('platform') === undefined || i.platform === want('platform')) &&
        i.updatedAt <= String(want('updatedAt')),
    );
    return { items: items.slice(0, query.pageSize).map((i) => ({ id: i.id })), total: items.length };
  };
}

function watchdog(store: FulfilmentStore & { byId: Map<string, Intent> }, adapterFor: ConsumerDeps['adapterFor']) {
  return runWatchdog({
    consumer: { store, adapterFor, log: silentLog, adapterTimeoutMs: 5000 },
    log: silentLog,
    appIds: async () => ['app_1'],
    list: listOver(store),
    limitMinutes: 60,
    now: () => NOW,
  });
}

describe('the watchdog retries stuck intents through the lookup-first path', () => {
  it('a timeout after submit, then the watchdog retry: still one JD order, confirmed, on the intent', async () => {
    const intent = jdIntent({ updatedAt: LONG_AGO });
    // The stream record's attempt: VOP recorded the order, the answer was lost, the record's retries ran out.
    sim.inject(METHODS.submit, 'timeout-after');
    await expect(wire(sim, { attempts: 1 }).adapter.fulfil(intent)).rejects.toBeInstanceOf(VopUnavailable);
    expect(sim.account.orders.size).toBe(1);
    const store = memoryStore([intent]);

    const result = await watchdog(store, () => wire(sim).adapter);

    expect(result.retried).toBe(1);
    expect(sim.account.orders.size).toBe(1);
    expect(sim.calls.get(METHODS.submit)).toBe(1);
    const [order] = [...sim.account.orders.values()];
    expect(order).toMatchObject({ thirdOrder: intent.id, confirmed: true });
    expect(store.byId.get(intent.id)).toMatchObject({ status: 'PROCESSING', orderId: String(order!.jdOrderId) });
    // Placed just now: no longer stuck.
    expect(result.report.total).toBe(0);

    // A second run finds it placed and leaves it alone.
    expect((await watchdog(store, () => wire(sim).adapter)).retried).toBe(0);
    expect(sim.calls.get(METHODS.submit)).toBe(1);
  });

  it('never retries adapters that cannot look their order up; those stay counted for the alarm', async () => {
    const manual: FulfilmentAdapter = { name: 'manual', fulfil: vi.fn(async () => ({ kind: 'pending' as const })) };
    const store = memoryStore([jdIntent({ updatedAt: LONG_AGO })]);

    const result = await watchdog(store, () => manual);

    expect(manual.fulfil).not.toHaveBeenCalled();
    expect(result).toMatchObject({ retried: 0, report: { total: 1 } });
  });

  it('a retry that fails again (VOP down) leaves the intent PROCESSING, counted, and the others are still tried', async () => {
    const first = jdIntent({ id: 'intent_01JEEEEEEEEEEEEEEEEEEEEEEE', updatedAt: LONG_AGO });
    const second = jdIntent({ id: 'intent_01JFFFFFFFFFFFFFFFFFFFFFFF', updatedAt: '2026-01-01T00:00:01.000Z' });
    const store = memoryStore([first, second]);
    sim.inject('*', 'http-500', 1);

    const result = await watchdog(store, () => wire(sim, { attempts: 1, clientAttempts: 1 }).adapter);

    expect(result).toMatchObject({ retried: 1, retryFailed: 1, report: { total: 1 } });
    expect(store.byId.get(first.id)).toMatchObject({ status: 'PROCESSING' });
    expect(store.byId.get(first.id)?.orderId).toBeUndefined();
    expect(store.byId.get(second.id)?.orderId).toBeDefined();
    expect(sim.account.orders.size).toBe(1);
  });
});
