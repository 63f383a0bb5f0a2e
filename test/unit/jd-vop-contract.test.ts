// The JD VOP adapter against the VOP simulator (local/jd-vop-sim): exactly one JD order per intent whatever
// fails in between, VOP's refusals in the API's failure codes, nothing guessed from an unreadable answer, and
// delivery progress applied from the message queue once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type JdVopSimulator, startJdVopSimulator } from '../../local/jd-vop-sim/server';
import { VopUnavailable } from '../../shared/fulfilment/jd-vop/errors';
import { pollMessages } from '../../shared/fulfilment/jd-vop/progress';
import { MESSAGE_TYPES, METHODS } from '../../shared/fulfilment/jd-vop/protocol';
import { jdIntent, memoryProgressStore, silentLog, wire } from '../support/jd-vop';

let sim: JdVopSimulator;

beforeEach(async () => {
  sim = await startJdVopSimulator({ hangMs: 1000 });
});
afterEach(async () => {
  await sim.close();
});

const onlyOrder = () => {
  expect(sim.account.orders.size).toBe(1);
  return [...sim.account.orders.values()][0]!;
};

describe('ordering', () => {
  it('submits with thirdOrder = intent id, quantity, recipient, price snapshot and reserved stock, then confirms', async () => {
    const { adapter } = wire(sim);
    const intent = jdIntent();

    const outcome = await adapter.fulfil(intent);

    const order = onlyOrder();
    expect(outcome).toEqual({ kind: 'placed', orderId: String(order.jdOrderId) });
    expect(order).toMatchObject({ thirdOrder: intent.id, skuId: 100012345, num: 3, priceFen: 1999, confirmed: true });
    expect(sim.account.balanceFen).toBe(100_000_00 - 5997);
    expect(sim.account.stock.get(100012345)).toBe(97);
  });

  it('a timeout after the order is recorded, then redelivery: one JD order, confirmed', async () => {
    const { adapter } = wire(sim, { attempts: 1 });
    const intent = jdIntent();
    sim.inject(METHODS.submit, 'timeout-after');

    await expect(adapter.fulfil(intent)).rejects.toBeInstanceOf(VopUnavailable);
    expect(onlyOrder().confirmed).toBe(false);

    const outcome = await adapter.fulfil(intent);

    const order = onlyOrder();
    expect(outcome).toEqual({ kind: 'placed', orderId: String(order.jdOrderId) });
    expect(order.confirmed).toBe(true);
    expect(sim.calls.get(METHODS.submit)).toBe(1);
  });

  it('retries within one attempt after a lost answer by looking the order up first', async () => {
    const { adapter } = wire(sim, { attempts: 2 });
    sim.inject(METHODS.submit, 'timeout-after');

    const outcome = await adapter.fulfil(jdIntent());

    expect(outcome.kind).toBe('placed');
    expect(onlyOrder().confirmed).toBe(true);
    expect(sim.calls.get(METHODS.byThirdOrder)).toBe(2);
  });

  it('a confirm whose answer was lost is confirmed on redelivery, still one order', async () => {
    const { adapter } = wire(sim, { attempts: 1, clientAttempts: 1 });
    sim.inject(METHODS.confirm, 'timeout-before');
    const intent = jdIntent();

    await expect(adapter.fulfil(intent)).rejects.toBeInstanceOf(VopUnavailable);
    expect(await adapter.fulfil(intent)).toMatchObject({ kind: 'placed' });
    expect(onlyOrder().confirmed).toBe(true);
  });

  it('重复提交 (0008) on a submit answers with the existing order, which is settled instead of doubled', async () => {
    const { api, adapter } = wire(sim);
    const intent = jdIntent();
    const first = await api.submit({
      thirdOrder: intent.id,
      skuId: '100012345',
      quantity: 3,
      priceYuan: '19.99',
      name: '张三',
      mobile: '13800138000',
      address: intent.address,
      area: await api.area(intent.address),
    });
    expect(first.existing).toBe(false);

    // As if the lookup had missed it (VOP a moment behind): the second submit is refused with the order's id.
    const again = await api.submit({
      thirdOrder: intent.id,
      skuId: '100012345',
      quantity: 3,
      priceYuan: '19.99',
      name: '张三',
      mobile: '13800138000',
      address: intent.address,
      area: await api.area(intent.address),
    });
    expect(again).toEqual({ jdOrderId: first.jdOrderId, existing: true });

    expect(await adapter.fulfil(intent)).toEqual({ kind: 'placed', orderId: first.jdOrderId });
    expect(onlyOrder().confirmed).toBe(true);
    // Confirming again (a redelivery) is 该订单已确认下单 (3103), which counts as done.
    await expect(api.confirm(first.jdOrderId)).resolves.toBeUndefined();
  });

  it('throttling is retried with backoff and places one order', async () => {
    const { adapter } = wire(sim);
    sim.inject(METHODS.submit, 'throttle');
    sim.inject(METHODS.byThirdOrder, 'throttle');

    expect((await adapter.fulfil(jdIntent())).kind).toBe('placed');
    expect(onlyOrder().confirmed).toBe(true);
  });

  it('an expired token is issued again and the call goes through', async () => {
    const { adapter } = wire(sim);
    await adapter.fulfil(jdIntent());
    sim.inject(METHODS.byThirdOrder, 'expire-token');

    const again = await adapter.fulfil(jdIntent({ id: 'intent_01JBBBBBBBBBBBBBBBBBBBBBBB' }));

    expect(again.kind).toBe('placed');
    expect(sim.calls.get(METHODS.accessToken)).toBe(2);
  });

  it.each([
    ['a price that moved', '100012345', { prices: 2999 }, 'PRICE_CHANGED', '商品价格变动'],
    ['no stock', '100012409', {}, 'OUT_OF_STOCK', '库存不足'],
    ['a product off the shelf', '100012404', {}, 'PRODUCT_UNAVAILABLE', '商品已下架'],
    ['a product JD does not know (3005)', '100012406', {}, 'PRODUCT_UNAVAILABLE', '商品已下架'],
    ['an area JD does not deliver to', '100012403', {}, 'AREA_NOT_DELIVERABLE', '收货地址不在配送范围内'],
    ['a product outside the pool', '100012405', {}, 'PRODUCT_NOT_PURCHASABLE', '该商品不在可采购范围内'],
  ])('%s fails the intent with its code and places nothing', async (_, sku, setup, failureCode, failureReason) => {
    const { adapter } = wire(sim);
    if ('prices' in setup) sim.account.prices.set(Number(sku), setup.prices as number);

    const outcome = await adapter.fulfil(jdIntent({}, sku));

    expect(outcome).toEqual({ kind: 'failed', failureCode, failureReason });
    expect(sim.account.orders.size).toBe(0);
  });

  it('an address VOP cannot resolve fails with ADDRESS_UNRESOLVED', async () => {
    const { adapter } = wire(sim);
    expect(await adapter.fulfil(jdIntent({ address: '火星基地一号舱' }))).toMatchObject({
      kind: 'failed',
      failureCode: 'ADDRESS_UNRESOLVED',
    });
  });

  it('an unreadable answer is never guessed at: the intent stays PROCESSING, a later attempt finds the order', async () => {
    const { adapter } = wire(sim);
    sim.inject(METHODS.submit, 'malformed');

    expect(await adapter.fulfil(jdIntent())).toEqual({ kind: 'pending' });
    expect(onlyOrder().confirmed).toBe(false);
    expect((await adapter.fulfil(jdIntent())).kind).toBe('placed');
    expect(onlyOrder().confirmed).toBe(true);
  });

  it('an empty balance waits for people instead of failing the intent', async () => {
    await sim.close();
    sim = await startJdVopSimulator({ balanceYuan: 1 });
    const { adapter } = wire(sim);

    expect(await adapter.fulfil(jdIntent())).toEqual({ kind: 'pending' });
  });

  it('VOP unreachable for longer than the attempts: thrown, so the record is retried', async () => {
    const { adapter } = wire(sim, { attempts: 2, clientAttempts: 1 });
    sim.inject('*', 'http-500', 10);

    await expect(adapter.fulfil(jdIntent())).rejects.toBeInstanceOf(VopUnavailable);
    expect(sim.account.orders.size).toBe(0);
  });
});

describe('cancelling', () => {
  it('a cancelled intent cancels its JD order, found by thirdOrder when the intent never got the id', async () => {
    const { adapter } = wire(sim);
    const intent = jdIntent();
    await adapter.fulfil(intent);

    expect(await adapter.void!({ ...intent, status: 'CANCELLED' })).toMatchObject({ kind: 'cancelled' });
    expect(onlyOrder().valid).toBe(false);
    expect(sim.account.balanceFen).toBe(100_000_00);
    // Redelivered: already cancelled counts as done.
    expect(await adapter.void!({ ...intent, status: 'CANCELLED' })).toMatchObject({ kind: 'cancelled' });
  });

  it('a shipped order is refused with the reason, for operators', async () => {
    const { adapter } = wire(sim);
    const intent = jdIntent();
    const placed = await adapter.fulfil(intent);
    sim.account.ship(Number((placed as { orderId: string }).orderId));

    const outcome = await adapter.void!({ ...intent, status: 'CANCELLED' });

    expect(outcome).toMatchObject({ kind: 'refused', reason: '3204 不能取消已经生产订单' });
    expect(onlyOrder().valid).toBe(true);
  });

  it('no JD order: nothing to cancel', async () => {
    const { adapter } = wire(sim);
    expect(await adapter.void!(jdIntent())).toEqual({ kind: 'none' });
  });
});

describe('progress from the message queue', () => {
  async function placed() {
    const { adapter, api } = wire(sim);
    const intent = jdIntent();
    const outcome = (await adapter.fulfil(intent)) as { orderId: string };
    const memory = memoryProgressStore([intent]);
    memory.store.place(intent.id, outcome.orderId);
    return { api, memory, intent, jdOrderId: Number(outcome.orderId) };
  }

  it('shipping puts the waybill on the intent; delivery completes it with tracking; messages are deleted', async () => {
    const { api, memory, intent, jdOrderId } = await placed();

    sim.account.ship(jdOrderId);
    await pollMessages(api, memory.store, silentLog);
    expect(memory.get(intent.id)).toMatchObject({
      status: 'PROCESSING',
      trackingCompany: '京东快递',
      trackingNumber: expect.stringMatching(/^JDV\d+$/),
    });

    sim.account.deliver(jdOrderId);
    const report = await pollMessages(api, memory.store, silentLog);

    expect(report).toEqual({ read: 1, applied: 1, kept: 0 });
    expect(memory.get(intent.id)).toMatchObject({
      status: 'COMPLETED',
      orderId: String(jdOrderId),
      trackingCompany: '京东快递',
      completedAt: expect.any(String),
    });
    expect(sim.account.messages).toEqual([]);
  });

  it('messages applied twice change nothing', async () => {
    const { api, memory, intent, jdOrderId } = await placed();
    sim.account.ship(jdOrderId);
    sim.account.deliver(jdOrderId);
    await pollMessages(api, memory.store, silentLog);
    const done = memory.get(intent.id);

    sim.account.push(MESSAGE_TYPES.SHIPPED, { orderId: jdOrderId });
    sim.account.push(MESSAGE_TYPES.DELIVERY, { orderId: jdOrderId, state: 1 });
    sim.account.push(MESSAGE_TYPES.DELIVERY, { orderId: jdOrderId, state: 2 });
    const report = await pollMessages(api, memory.store, silentLog);

    expect(report).toEqual({ read: 3, applied: 3, kept: 0 });
    expect(memory.get(intent.id)).toBe(done);
  });

  it('a message whose apply fails stays in the queue and is applied on the next poll', async () => {
    const { api, memory, intent, jdOrderId } = await placed();
    sim.account.ship(jdOrderId);
    sim.account.deliver(jdOrderId);
    const complete = memory.store.complete;
    memory.store.complete = async () => {
      throw new Error('table unavailable');
    };

    expect(await pollMessages(api, memory.store, silentLog)).toMatchObject({ kept: 1 });
    expect(sim.account.messages.map((m) => m.type)).toEqual([MESSAGE_TYPES.DELIVERY]);

    memory.store.complete = complete;
    await pollMessages(api, memory.store, silentLog);
    expect(memory.get(intent.id).status).toBe('COMPLETED');
    expect(sim.account.messages).toEqual([]);
  });

  it('refused delivery and JD cancelling the order fail the intent with their codes', async () => {
    const { api, memory, intent, jdOrderId } = await placed();
    sim.account.ship(jdOrderId);
    sim.account.deliver(jdOrderId, true);
    await pollMessages(api, memory.store, silentLog);
    expect(memory.get(intent.id)).toMatchObject({
      status: 'FAILED',
      failureCode: 'DELIVERY_REFUSED',
      failureReason: '收货人拒收',
    });
  });

  it('a message about an order no intent placed is kept (the index may be a moment behind)', async () => {
    const { api, memory } = await placed();
    sim.account.push(MESSAGE_TYPES.SHIPPED, { orderId: 999 });
    sim.account.orders.set(999, { ...[...sim.account.orders.values()][0]!, jdOrderId: 999 });

    expect(await pollMessages(api, memory.store, silentLog)).toEqual({ read: 1, applied: 0, kept: 1 });
  });
});
