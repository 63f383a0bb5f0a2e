// VOP's refusals in the API's terms. A refusal listed here fails the intent with a reason a partner can show; an
// operational one (our balance) waits for people; any other code is not guessed at: the intent stays PROCESSING.
import { type FailureCode, failureOf } from '../failure-codes';
import { RESULT_CODES } from './protocol';

const BUSINESS: Record<string, FailureCode> = {
  [RESULT_CODES.OUT_OF_STOCK]: 'OUT_OF_STOCK',
  [RESULT_CODES.OFF_SHELF]: 'PRODUCT_UNAVAILABLE',
  [RESULT_CODES.PRICE_MISMATCH]: 'PRICE_CHANGED',
  [RESULT_CODES.AREA_NOT_DELIVERABLE]: 'AREA_NOT_DELIVERABLE',
  [RESULT_CODES.ADDRESS_UNRESOLVED]: 'ADDRESS_UNRESOLVED',
  [RESULT_CODES.NOT_IN_POOL]: 'PRODUCT_NOT_PURCHASABLE',
};

export type RefusalClass =
  | { kind: 'business'; failureCode: FailureCode; failureReason: string }
  /** The account, not the order, is at fault (balance): people fix it and the order is retried. */
  | { kind: 'operational' }
  | { kind: 'unknown' };

export function classifyRefusal(resultCode: string): RefusalClass {
  const code = BUSINESS[resultCode];
  if (code) return { kind: 'business', ...failureOf(code) };
  if (resultCode === RESULT_CODES.BALANCE_INSUFFICIENT) return { kind: 'operational' };
  return { kind: 'unknown' };
}
