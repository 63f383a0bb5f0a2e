import { describe, expect, it } from 'vitest';
import {
  isPriceTolerancePercent,
  maxPaidPriceFen,
  priceChangedReason,
  withinTolerance,
} from '../../shared/domain/price-tolerance';

describe('price tolerance', () => {
  it('allows exactly price × (1 + tolerance) and refuses one fen more', () => {
    expect(maxPaidPriceFen(10_000, 5)).toBe(10_500);
    expect(withinTolerance(10_000, 10_500, 5)).toBe(true);
    expect(withinTolerance(10_000, 10_501, 5)).toBe(false);
    expect(withinTolerance(10_000, 9_000, 5)).toBe(true); // paying less is always fine
    expect(withinTolerance(10_000, 10_000, 0)).toBe(true);
    expect(withinTolerance(10_000, 10_001, 0)).toBe(false);
  });

  it('rounds the ceiling down, never above the percentage, with fractional percents', () => {
    expect(maxPaidPriceFen(1999, 5)).toBe(2098); // 2098.95 → 2098
    expect(maxPaidPriceFen(1999, 2.5)).toBe(2048); // 2048.975 → 2048
    expect(maxPaidPriceFen(100_000_000, 100)).toBe(200_000_000);
  });

  it('accepts 0-100 percent with at most two decimals', () => {
    for (const ok of [0, 5, 2.5, 12.34, 100]) expect(isPriceTolerancePercent(ok), String(ok)).toBe(true);
    for (const bad of [-1, 100.01, 1.234, Number.NaN, '5', null])
      expect(isPriceTolerancePercent(bad), String(bad)).toBe(false);
  });

  it('states the current price in a PRICE_CHANGED reason', () => {
    expect(priceChangedReason(12_000)).toBe('商品价格变动,当前价格 120.00 元');
  });
});
