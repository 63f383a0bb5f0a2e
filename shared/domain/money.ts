// Money: integer fen inside, yuan numbers on the wire. Conversions work on the number's decimal string, so no
// float arithmetic ever decides a price (19.99 × 3 is 5997 fen, exactly 59.97).

/** Largest unit price the contract accepts, in yuan. */
export const MAX_PRICE_YUAN = 1_000_000;

// String(n) is the shortest decimal that round-trips to n: exactly what the client wrote for any sane price.
const YUAN_PATTERN = /^(\d+)(?:\.(\d{1,2}))?$/;

/** True when the yuan amount has at most two decimals (a whole number of fen). */
export function isWholeFen(yuan: number): boolean {
  return Number.isFinite(yuan) && YUAN_PATTERN.test(String(yuan));
}

export function yuanToFen(yuan: number): number {
  const m = YUAN_PATTERN.exec(String(yuan));
  if (!m) throw new RangeError('not a non-negative amount with at most 2 decimals');
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** fen / 100 is the double nearest the decimal, so it prints as the exact yuan amount. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

export function totalFen(priceFen: number, quantity: number): number {
  return priceFen * quantity;
}
