// The JD VOP adapter wired to a running simulator, with fast timeouts, for the contract tests.

import type { JdVopSimulator } from '../../local/jd-vop-sim/server';
import type { Intent, IntentStatus } from '../../shared/domain/intent';
import { complete, fail, placeOrder, recordTracking } from '../../shared/domain/lifecycle';
import { jdVopAdapter } from '../../shared/fulfilment/jd-vop/adapter';
import { vopApi } from '../../shared/fulfilment/jd-vop/api';
import { vopClient } from '../../shared/fulfilment/jd-vop/client';
import type { ProgressStore } from '../../shared/fulfilment/jd-vop/progress';
import { parseVopSettings } from '../../shared/fulfilment/jd-vop/settings';
import { ApiError } from '../../shared/http/errors';

export const silentLog = { info() {}, warn() {}, error() {} };

export function jdIntent(overrides: Partial<Intent> = {}, productId = '100012345'): Intent {
  return {
    id: 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA',
    appId: 'app_1',
    userId: 'u1',
    platform: 'JD',
    productUrl: `https://item.jd.com/${productId}.html`,
    title: '机械键盘',
    priceFen: 1999,
    quantity: 3,
    totalAmountFen: 5997,
    recipientName: '张三',
    address: '北京市朝阳区建国路1号',
    phone: '13800138000',
    status: 'PROCESSING' as IntentStatus,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:01.000Z',
    version: 3,
    ...overrides,
  };
}

export function wire(sim: JdVopSimulator, options: { attempts?: number; clientAttempts?: number } = {}) {
  const settings = parseVopSettings({ url: sim.url, ...sim.credentials }, 'test');
  const api = vopApi(
    vopClient({ settings, timeoutMs: 300, backoffMs: 1, attempts: options.clientAttempts ?? 3 }),
    settings,
  );
  const adapter = jdVopAdapter({ api: async () => api, log: silentLog, attempts: options.attempts ?? 2, backoffMs: 1 });
  return { settings, api, adapter };
}

/** Intents in memory with the domain's transitions: what the table's conditional writes would do. */
export function memoryProgressStore(intents: Intent[]) {
  const byId = new Map(intents.map((i) => [i.id, i]));
  const index = new Map<string, string>();
  const now = () => new Date().toISOString();
  const step = (id: string, change: (i: Intent) => Intent) => {
    const before = byId.get(id);
    if (!before) return undefined;
    try {
      const after = change(before);
      byId.set(id, after);
      return after;
    } catch (error) {
      if (error instanceof ApiError) return undefined;
      throw error;
    }
  };
  const store: ProgressStore & { place(id: string, orderId: string): void } = {
    place(id, orderId) {
      index.set(orderId, id);
      step(id, (i) => placeOrder(i, orderId, now()));
    },
    intentIdOfOrder: async (orderId) => index.get(orderId),
    current: async (id) => byId.get(id),
    recordTracking: async (id, tracking) => step(id, (i) => recordTracking(i, tracking, now())),
    complete: async (id, order) => step(id, (i) => complete(i, order, now())),
    fail: async (id, failure) => step(id, (i) => fail(i, failure, now())),
  };
  return { store, get: (id: string) => byId.get(id)! };
}
