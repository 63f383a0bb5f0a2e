import { describe, expect, it } from 'vitest';
import { applyUpdate, newIntent, operationsOf } from '../../shared/domain/changes';
import { type Intent, type IntentStatus, isIntentId, STATUSES } from '../../shared/domain/intent';
import {
  cancel,
  complete,
  fail,
  isAllowed,
  OPERATIONS,
  type Operation,
  recordTracking,
  STATUS_MESSAGES,
  startProcessing,
  statusMessage,
  submit,
  trackingChanged,
} from '../../shared/domain/lifecycle';
import { fenToYuan, isWholeFen, totalFen, yuanToFen } from '../../shared/domain/money';
import { isProductUrlOf, productIdOf } from '../../shared/domain/product-url';
import { createdIntent, maskPhone, publicEvent, publicIntent } from '../../shared/domain/public-view';
import type { ApiError } from '../../shared/http/errors';
import { intentInput } from '../support/intents';

const NOW = '2026-02-25T10:30:00.000Z';
const LATER = '2026-02-25T10:35:00.000Z';

const input = { ...intentInput };

const ids = { id: 'intent_01HZY2K3M4N5P6Q7R8S9T0V1W2', appId: 'app_1' };

function intentIn(status: IntentStatus): Intent {
  return { ...newIntent({ ...input, status: 'DRAFT' }, ids, NOW), status };
}

/** The documents' table (seed 004) plus the system's fulfilment steps. */
const EXPECTED: Record<IntentStatus, Operation[]> = {
  DRAFT: ['query', 'update', 'delete', 'submit'],
  SUBMITTED: ['query', 'cancel', 'process'],
  PROCESSING: ['query', 'cancel', 'complete', 'fail', 'track'],
  COMPLETED: ['query', 'track'],
  FAILED: ['query', 'delete'],
  CANCELLED: ['query', 'delete'],
};

function conflictCode(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as ApiError).code;
  }
}

describe('state machine', () => {
  for (const status of STATUSES)
    for (const op of OPERATIONS)
      it(`${status} ${EXPECTED[status].includes(op) ? 'allows' : 'refuses'} ${op}`, () => {
        expect(isAllowed(status, op)).toBe(EXPECTED[status].includes(op));
      });

  const steps: Partial<Record<Operation, [(i: Intent) => Intent, IntentStatus]>> = {
    submit: [(i) => submit(i, LATER), 'SUBMITTED'],
    cancel: [(i) => cancel(i, LATER), 'CANCELLED'],
    process: [(i) => startProcessing(i, LATER), 'PROCESSING'],
    complete: [
      (i) => complete(i, { orderId: 'TB1', trackingNumber: 'SF1', trackingCompany: '顺丰速运' }, LATER),
      'COMPLETED',
    ],
    fail: [(i) => fail(i, { failureCode: 'OUT_OF_STOCK', failureReason: '库存不足' }, LATER), 'FAILED'],
  };
  for (const status of STATUSES)
    for (const [op, [step, target]] of Object.entries(steps) as [Operation, [(i: Intent) => Intent, IntentStatus]][])
      it(`${op} from ${status} ${EXPECTED[status].includes(op) ? `moves to ${target}` : 'is 409/40902'}`, () => {
        const before = intentIn(status);
        if (!EXPECTED[status].includes(op)) return expect(conflictCode(() => step(before))).toBe(40902);
        const after = step(before);
        expect(after.status).toBe(target);
        expect(after.version).toBe(before.version + 1);
        expect(after.updatedAt).toBe(LATER);
        expect(before.status).toBe(status);
      });

  it('stamps the lifecycle times and outcomes', () => {
    const submitted = submit(intentIn('DRAFT'), LATER);
    expect(submitted.submittedAt).toBe(LATER);
    expect(cancel(submitted, LATER).cancelledAt).toBe(LATER);
    const done = complete(startProcessing(submitted, LATER), { orderId: 'TB1' }, LATER);
    expect(done).toMatchObject({ completedAt: LATER, orderId: 'TB1' });
    const failed = fail(intentIn('PROCESSING'), { failureCode: 'PRICE_CHANGED', failureReason: '商品价格变动' }, LATER);
    expect(failed).toMatchObject({ failureCode: 'PRICE_CHANGED', failureReason: '商品价格变动' });
  });

  it('records tracking on a PROCESSING or COMPLETED intent, keeps its status, and writes nothing when it is already there', () => {
    const tracking = { trackingCompany: '京东物流', trackingNumber: 'JDV000123' };
    for (const status of ['PROCESSING', 'COMPLETED'] as const) {
      const before = intentIn(status);
      const after = recordTracking(before, tracking, LATER);
      expect(after).toMatchObject({ ...tracking, status, version: before.version + 1, updatedAt: LATER });
      expect(trackingChanged(before, after)).toBe(true);
      expect(recordTracking(after, tracking, '2026-02-25T11:00:00.000Z')).toBe(after);
      const corrected = recordTracking(after, { ...tracking, trackingNumber: 'JDV000124' }, LATER);
      expect(corrected.version).toBe(after.version + 1);
    }
    for (const status of ['DRAFT', 'SUBMITTED', 'FAILED', 'CANCELLED'] as const)
      expect(conflictCode(() => recordTracking(intentIn(status), tracking, LATER))).toBe(40902);
  });

  it('has a Chinese message for every status', () => {
    for (const status of STATUSES) expect(statusMessage(status)).toMatch(/[\u4e00-\u9fff]/);
    expect(STATUS_MESSAGES.PROCESSING).toBe('正在处理采购订单');
    expect(STATUS_MESSAGES.COMPLETED).toBe('采购订单已完成');
  });
});

describe('PUT semantics', () => {
  const edits = { title: '新标题' };
  const requests = {
    edit: edits,
    submit: { status: 'SUBMITTED' as const },
    'edit and submit': { ...edits, status: 'SUBMITTED' as const },
    cancel: { status: 'CANCELLED' as const },
    'edit and cancel': { ...edits, status: 'CANCELLED' as const },
  };
  const allowed: Record<IntentStatus, (keyof typeof requests)[]> = {
    DRAFT: ['edit', 'submit', 'edit and submit'],
    SUBMITTED: ['cancel'],
    PROCESSING: ['cancel'],
    COMPLETED: [],
    FAILED: [],
    CANCELLED: [],
  };
  for (const status of STATUSES)
    for (const [name, update] of Object.entries(requests) as [
      keyof typeof requests,
      (typeof requests)[keyof typeof requests],
    ][])
      it(`${name} on ${status} is ${allowed[status].includes(name) ? 'applied' : '409/40902'}`, () => {
        const before = intentIn(status);
        if (!allowed[status].includes(name))
          return expect(conflictCode(() => applyUpdate(before, update, LATER))).toBe(40902);
        const after = applyUpdate(before, update, LATER);
        expect(after.version).toBe(before.version + 1);
        if ('title' in update) expect(after.title).toBe('新标题');
        if ('status' in update) expect(after.status).toBe(update.status);
      });

  it('recomputes the total exactly when price or quantity change', () => {
    const after = applyUpdate(intentIn('DRAFT'), { price: 0.1, quantity: 3 }, LATER);
    expect(after.priceFen).toBe(10);
    expect(after.totalAmountFen).toBe(30);
  });

  it('refuses a platform change the stored URL does not fit with 40001 on productUrl', () => {
    try {
      applyUpdate(intentIn('DRAFT'), { platform: 'JD' }, LATER);
      expect.unreachable();
    } catch (e) {
      expect((e as ApiError).code).toBe(40001);
      expect((e as ApiError).data).toMatchObject({ field: 'productUrl' });
    }
    const moved = applyUpdate(
      intentIn('DRAFT'),
      { platform: 'JD', productUrl: 'https://item.jd.com/100012043978.html' },
      LATER,
    );
    expect(moved.platform).toBe('JD');
  });

  it('names the operations a body asks for', () => {
    expect(operationsOf({ title: 'x', status: 'SUBMITTED' })).toEqual(['update', 'submit']);
    expect(operationsOf({ status: 'CANCELLED' })).toEqual(['cancel']);
  });
});

describe('money', () => {
  it('keeps fen exact: 19.99 × 3 = 59.97', () => {
    const fen = yuanToFen(19.99);
    expect(fen).toBe(1999);
    expect(fenToYuan(totalFen(fen, 3))).toBe(59.97);
    expect(newIntent(input, ids, NOW)).toMatchObject({ priceFen: 1999, totalAmountFen: 5997 });
  });

  it('reads whole and decimal yuan from the decimal string', () => {
    expect(yuanToFen(8999)).toBe(899900);
    expect(yuanToFen(0.1)).toBe(10);
    expect(yuanToFen(0.07)).toBe(7);
    expect(yuanToFen(1000000)).toBe(100000000);
    expect(yuanToFen(1.1)).toBe(110);
  });

  it('accepts at most two decimals', () => {
    expect(isWholeFen(0.01)).toBe(true);
    expect(isWholeFen(19.999)).toBe(false);
    expect(isWholeFen(0.1 + 0.2)).toBe(false);
    expect(isWholeFen(1e-7)).toBe(false);
    expect(() => yuanToFen(1.005)).toThrow(RangeError);
  });

  it('prints every fen amount up to the maximum as its exact yuan', () => {
    for (const fen of [1, 7, 10, 99, 1999, 5997, 123456789, 9_999_999_999]) {
      const [int, frac] = [Math.floor(fen / 100), String(fen % 100).padStart(2, '0')];
      expect(Number(`${int}.${frac}`)).toBe(fenToYuan(fen));
    }
  });
});

describe('product URLs', () => {
  const cases: [Parameters<typeof productIdOf>[0], string, string | undefined][] = [
    ['TAOBAO', 'https://item.taobao.com/item.htm?id=123456', '123456'],
    ['TAOBAO', 'https://detail.tmall.com/item.htm?spm=a&id=42', '42'],
    ['TAOBAO', 'http://detail.tmall.hk/item.htm?id=7', '7'],
    ['TAOBAO', 'https://item.taobao.com/item.htm?id=abc', undefined],
    ['TAOBAO', 'https://item.taobao.com.evil.com/item.htm?id=1', undefined],
    ['TAOBAO', 'https://eviltaobao.com/item.htm?id=1', undefined],
    ['TAOBAO', 'ftp://item.taobao.com/item.htm?id=1', undefined],
    ['JD', 'https://item.jd.com/100012043978.html', '100012043978'],
    ['JD', 'https://npcitem.jd.hk/10086.html', '10086'],
    ['JD', 'https://item.jd.com/abc.html', undefined],
    ['JD', 'https://item.taobao.com/item.htm?id=1', undefined],
    ['PDD', 'https://mobile.yangkeduo.com/goods.html?goods_id=9988', '9988'],
    ['PDD', 'https://pinduoduo.com/goods.html?goods_id=1', '1'],
    ['PDD', 'https://mobile.yangkeduo.com/goods.html?id=9988', undefined],
  ];
  for (const [platform, url, id] of cases)
    it(`${platform} ${url} → ${id ?? 'refused'}`, () => {
      expect(productIdOf(platform, url)).toBe(id);
      expect(isProductUrlOf(platform, url)).toBe(id !== undefined);
    });

  it('refuses URLs over 2048 characters', () => {
    const url = `https://item.taobao.com/item.htm?id=1&x=${'a'.repeat(2048)}`;
    expect(isProductUrlOf('TAOBAO', url)).toBe(false);
  });

  it('counts characters, not UTF-16 units: 2048 with emoji pass, 2049 do not', () => {
    const head = 'https://item.taobao.com/item.htm?id=1&x=';
    const fill = (n: number) => `${head}${'😀'.repeat(n - head.length)}`;
    expect(fill(2048).length).toBeGreaterThan(2048);
    expect(isProductUrlOf('TAOBAO', fill(2048))).toBe(true);
    expect(isProductUrlOf('TAOBAO', fill(2049))).toBe(false);
  });
});

describe('public view', () => {
  it('masks the phone, speaks yuan, hides internals and omits absent values', () => {
    const view = publicIntent(newIntent(input, ids, NOW));
    expect(view).toMatchObject({ phone: '138****8000', price: 19.99, totalAmount: 59.97, status: 'SUBMITTED' });
    expect(view.statusMessage).toBe(statusMessage('SUBMITTED'));
    expect(view.submittedAt).toBe(NOW);
    expect(Object.keys(view)).not.toContain('appId');
    expect(Object.keys(view)).not.toContain('version');
    expect(Object.keys(view)).not.toContain('priceFen');
    expect(Object.keys(view)).not.toContain('remarks');
    expect(Object.values(view)).not.toContain(null);
    expect(Object.values(view)).not.toContain(undefined);
  });

  it('answers a create with the six documented fields', () => {
    expect(Object.keys(createdIntent(newIntent(input, ids, NOW))).sort()).toEqual(
      ['createdAt', 'id', 'platform', 'status', 'updatedAt', 'userId'].sort(),
    );
  });

  it('masks every mainland mobile the same way', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('leaves `from` out of the creation event', () => {
    expect(publicEvent({ intentId: ids.id, actor: 'app', to: 'DRAFT', at: NOW })).toEqual({
      actor: 'app',
      to: 'DRAFT',
      at: NOW,
    });
  });
});

describe('creation', () => {
  it('defaults to SUBMITTED with submittedAt; a DRAFT has none', () => {
    expect(newIntent(input, ids, NOW)).toMatchObject({ status: 'SUBMITTED', submittedAt: NOW, version: 1 });
    expect(newIntent({ ...input, status: 'DRAFT' }, ids, NOW).submittedAt).toBeUndefined();
  });

  it('recognises intent ids', () => {
    expect(isIntentId(ids.id)).toBe(true);
    expect(isIntentId('intent_67890')).toBe(false);
    expect(isIntentId(`${ids.id}x`)).toBe(false);
    expect(isIntentId('../etc')).toBe(false);
  });
});
