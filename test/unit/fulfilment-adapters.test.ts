import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Intent, Platform } from '../../shared/domain/intent';
import { adaptersFromEnv, parseAdapterConfig, refuseSandboxOutsideDev } from '../../shared/fulfilment/config';
import { manualAdapter } from '../../shared/fulfilment/manual';
import { sandboxAdapter, sandboxCurrentPriceFen } from '../../shared/fulfilment/sandbox';

function intent(platform: Platform, productUrl: string, id = 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA'): Intent {
  return {
    id,
    appId: 'app_1',
    userId: 'u1',
    platform,
    productUrl,
    title: 't',
    priceFen: 100,
    quantity: 1,
    totalAmountFen: 100,
    recipientName: '张三',
    address: '北京市朝阳区某路1号',
    phone: '13800138000',
    status: 'PROCESSING',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 3,
  };
}

const urls: Record<Platform, (id: string) => string> = {
  TAOBAO: (id) => `https://item.taobao.com/item.htm?spm=a&id=${id}`,
  JD: (id) => `https://item.jd.com/${id}.html`,
  PDD: (id) => `https://mobile.yangkeduo.com/goods.html?goods_id=${id}`,
};

describe('sandbox adapter', () => {
  const sandbox = sandboxAdapter();

  it('follows the app’s price tolerance for the price-moved product (its current price is 10% up)', async () => {
    const priced = { ...intent('PDD', urls.PDD('8402')), priceFen: 10_000, totalAmountFen: 10_000 };
    expect(sandboxCurrentPriceFen('8402', 10_000)).toBe(11_000);
    expect(sandboxCurrentPriceFen('8403', 10_000)).toBe(10_000);
    const withTolerance = (percent: number) => sandboxAdapter({ priceToleranceOf: async () => percent });
    // 10% is exactly at a 10% tolerance: completed; a fen less tolerance than needed, or the default 5%: refused.
    await expect(withTolerance(10).fulfil(priced)).resolves.toMatchObject({ kind: 'completed' });
    await expect(withTolerance(9.99).fulfil(priced)).resolves.toEqual({
      kind: 'failed',
      failureCode: 'PRICE_CHANGED',
      failureReason: '商品价格变动',
    });
    await expect(sandbox.fulfil(priced)).resolves.toMatchObject({ kind: 'failed', failureCode: 'PRICE_CHANGED' });
    const asked: string[] = [];
    const toleranceOf = async (appId: string) => {
      asked.push(appId);
      return 5;
    };
    await sandboxAdapter({ priceToleranceOf: toleranceOf }).fulfil(priced);
    expect(asked).toEqual(['app_1']);
  });

  for (const platform of Object.keys(urls) as Platform[]) {
    it(`decides ${platform} outcomes by the product id's last digits`, async () => {
      await expect(sandbox.fulfil(intent(platform, urls[platform]('1000404')))).resolves.toEqual({
        kind: 'failed',
        failureCode: 'PRODUCT_UNAVAILABLE',
        failureReason: '商品已下架',
      });
      await expect(sandbox.fulfil(intent(platform, urls[platform]('77409')))).resolves.toEqual({
        kind: 'failed',
        failureCode: 'OUT_OF_STOCK',
        failureReason: '库存不足',
      });
      await expect(sandbox.fulfil(intent(platform, urls[platform]('5402')))).resolves.toEqual({
        kind: 'failed',
        failureCode: 'PRICE_CHANGED',
        failureReason: '商品价格变动',
      });
      const done = await sandbox.fulfil(intent(platform, urls[platform]('123456')));
      expect(done).toMatchObject({ kind: 'completed' });
      if (done.kind !== 'completed') throw new Error('unreachable');
      expect(done.orderId).toMatch(/^SBX\d{16}$/);
      expect(done.trackingNumber).toMatch(/^SF\d{12}$/);
      expect(done.trackingCompany.length).toBeGreaterThan(0);
    });
  }

  it('reads the product id, not digits elsewhere in the URL', async () => {
    // spm ends in 404 but the product id does not
    const outcome = await sandbox.fulfil(intent('TAOBAO', 'https://item.taobao.com/item.htm?spm=404&id=123'));
    expect(outcome.kind).toBe('completed');
  });

  it('places the same order for the same intent, so a redelivered record does not order twice', async () => {
    const first = await sandbox.fulfil(intent('JD', urls.JD('123')));
    const again = await sandbox.fulfil(intent('JD', urls.JD('123')));
    const other = await sandbox.fulfil(intent('JD', urls.JD('123'), 'intent_01JBBBBBBBBBBBBBBBBBBBBBBB'));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('waits the configured delay before answering', async () => {
    const waits: number[] = [];
    const slow = sandboxAdapter({ delayMs: 1500, sleep: async (ms) => void waits.push(ms) });
    await slow.fulfil(intent('JD', urls.JD('1')));
    expect(waits).toEqual([1500]);
  });
});

describe('manual adapter', () => {
  it('leaves the intent to the operator', async () => {
    await expect(manualAdapter().fulfil(intent('PDD', urls.PDD('1')))).resolves.toEqual({ kind: 'pending' });
  });
});

describe('adapter configuration', () => {
  it('serves every platform with the sandbox unless told otherwise', () => {
    expect(parseAdapterConfig(undefined, undefined)).toEqual({ TAOBAO: 'sandbox', JD: 'sandbox', PDD: 'sandbox' });
  });

  it('maps platforms to adapters and falls back to the default for the rest', () => {
    expect(parseAdapterConfig('TAOBAO=manual, PDD = manual', 'sandbox')).toEqual({
      TAOBAO: 'manual',
      JD: 'sandbox',
      PDD: 'manual',
    });
    expect(parseAdapterConfig('JD=sandbox', 'manual')).toEqual({ TAOBAO: 'manual', JD: 'sandbox', PDD: 'manual' });
  });

  it('refuses unknown platforms and adapters at load', () => {
    expect(() => parseAdapterConfig('AMAZON=sandbox', undefined)).toThrow(/unknown platform/);
    expect(() => parseAdapterConfig('JD=robot', undefined)).toThrow(/unknown adapter/);
    expect(() => parseAdapterConfig('', 'robot')).toThrow(/unknown fulfilment adapter/);
    expect(() => adaptersFromEnv({ SANDBOX_DELAY_MS: '-1' })).toThrow(/SANDBOX_DELAY_MS/);
  });

  it('hands each platform its configured adapter', () => {
    const adapterFor = adaptersFromEnv({ FULFILMENT_ADAPTERS: 'TAOBAO=manual', SANDBOX_DELAY_MS: '0' });
    expect(adapterFor('TAOBAO').name).toBe('manual');
    expect(adapterFor('JD').name).toBe('sandbox');
  });
});

describe('the sandbox outside dev', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('is refused for a prod stage, whichever way a platform reaches it (named or by default)', () => {
    const allManual = 'TAOBAO=manual,JD=manual,PDD=manual';
    expect(() => adaptersFromEnv({ STAGE: 'prod', FULFILMENT_ADAPTERS: 'TAOBAO=manual,PDD=manual' })).toThrow(
      /stage "prod" must not fulfil JD with the sandbox adapter/,
    );
    expect(() =>
      adaptersFromEnv({ STAGE: 'prod', FULFILMENT_ADAPTERS: allManual.replace('PDD=manual', 'PDD=sandbox') }),
    ).toThrow(/PDD/);
    expect(() => adaptersFromEnv({ STAGE: 'prod' })).toThrow(/TAOBAO, JD, PDD/);
    expect(adaptersFromEnv({ STAGE: 'prod', FULFILMENT_ADAPTERS: allManual })('JD').name).toBe('manual');
  });

  it('is refused for any stage but dev, and allowed on dev and without a stage (local runtime, tests)', () => {
    const sandboxed = { TAOBAO: 'sandbox', JD: 'sandbox', PDD: 'sandbox' } as const;
    expect(() => refuseSandboxOutsideDev(sandboxed, 'staging')).toThrow(/staging/);
    expect(() => refuseSandboxOutsideDev(sandboxed, 'dev')).not.toThrow();
    expect(() => refuseSandboxOutsideDev(sandboxed, undefined)).not.toThrow();
    expect(adaptersFromEnv({ STAGE: '' })('JD').name).toBe('sandbox');
  });

  // Read by the first batch, before any record: the whole invocation fails, as a refused start would.
  it('stops the consumer function from handling any batch when the stage is prod', async () => {
    vi.stubEnv('STAGE', 'prod');
    vi.stubEnv('FULFILMENT_ADAPTERS', 'TAOBAO=manual,PDD=manual');
    vi.resetModules();
    const refused = await import('../../functions/fulfilment-consumer');
    await expect(refused.handler({ Records: [] })).rejects.toThrow(/must not fulfil JD with the sandbox/);
    vi.stubEnv('FULFILMENT_ADAPTERS', 'TAOBAO=manual,JD=manual,PDD=manual');
    vi.resetModules();
    const allowed = await import('../../functions/fulfilment-consumer');
    await expect(allowed.handler({ Records: [] })).resolves.toEqual({ batchItemFailures: [] });
  });
});
