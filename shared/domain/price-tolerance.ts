// Price consistency (the published documents: a real price far from the submitted one may affect the purchase).
// Each app has a tolerance in percent (default 5); an order may be completed only at a paid unit price of at most
// `price × (1 + tolerance)`. Integer arithmetic in fen and basis points, so the boundary is exact: 100.00 at 5%
// allows 105.00 and refuses 105.01.

export const DEFAULT_PRICE_TOLERANCE_PERCENT = 5;
export const MAX_PRICE_TOLERANCE_PERCENT = 100;

/** A tolerance is 0-100 percent with at most two decimals (whole basis points). */
export function isPriceTolerancePercent(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= MAX_PRICE_TOLERANCE_PERCENT &&
    /^\d+(\.\d{1,2})?$/.test(String(value))
  );
}

/** The highest unit price in fen an order may be completed at (rounded down: never above the percentage). */
export function maxPaidPriceFen(priceFen: number, tolerancePercent: number): number {
  const basisPoints = Math.round(tolerancePercent * 100);
  return Math.floor((priceFen * (10_000 + basisPoints)) / 10_000);
}

export function withinTolerance(priceFen: number, paidPriceFen: number, tolerancePercent: number): boolean {
  return paidPriceFen <= maxPaidPriceFen(priceFen, tolerancePercent);
}

/** The partner-facing reason of a PRICE_CHANGED failure that states the current price (yuan, two decimals). */
export function priceChangedReason(currentPriceFen: number): string {
  return `商品价格变动,当前价格 ${(currentPriceFen / 100).toFixed(2)} 元`;
}
