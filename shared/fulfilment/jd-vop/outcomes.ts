// VOP's refusals in the API's terms. A refusal listed here fails the intent with a reason a partner can show; an
// operational one (our balance) waits for people; any other code is not guessed at: the intent stays PROCESSING.
import { type FailureCode, failureOf } from '../failure-codes';
import { RESULT_CODES } from './protocol';

const BUSINESS: Record<string, FailureCode> = {
  [RESULT_CODES.OUT_OF_STOCK]: 'OUT_OF_STOCK',
  [RESULT_CODES.PRODUCT_NOT_FOUND]: 'PRODUCT_UNAVAILABLE',
  [RESULT_CODES.OFF_SHELF]: 'PRODUCT_UNAVAILABLE',
  [RESULT_CODES.PRICE_MISMATCH]: 'PRICE_CHANGED',
  [RESULT_CODES.AREA_RESTRICTED]: 'AREA_NOT_DELIVERABLE',
  [RESULT_CODES.ADDRESS_NOT_FOUND]: 'ADDRESS_UNRESOLVED',
  [RESULT_CODES.PRODUCT_RESTRICTED]: 'PRODUCT_NOT_PURCHASABLE',
  [RESULT_CODES.NO_POOL_PERMISSION]: 'PRODUCT_NOT_PURCHASABLE',
};

/** The account, not the order, is short: people top it up and the order is retried. */
const OPERATIONAL = new Set<string>([RESULT_CODES.BALANCE_INSUFFICIENT, RESULT_CODES.QUOTA_INSUFFICIENT]);

export type RefusalClass =
  | { kind: 'business'; failureCode: FailureCode; failureReason: string }
  /** The account, not the order, is at fault (balance): people fix it and the order is retried. */
  | { kind: 'operational' }
  | { kind: 'unknown' };

export function classifyRefusal(resultCode: string): RefusalClass {
  const code = BUSINESS[resultCode];
  if (code) return { kind: 'business', ...failureOf(code) };
  if (OPERATIONAL.has(resultCode)) return { kind: 'operational' };
  return { kind: 'unknown' };
}
