// The port every platform's fulfilment goes through. An adapter places the order for an intent and says how it went;
// it never writes the intent itself: the consumer owns the conditional writes around it.
import type { Intent } from '../domain/intent';

export type FulfilmentOutcome =
  | { kind: 'completed'; orderId: string; trackingNumber: string; trackingCompany: string }
  | { kind: 'failed'; failureCode: string; failureReason: string }
  /** The order is placed by people (manual adapter): the intent stays PROCESSING until `npm run ops` reports it. */
  | { kind: 'pending' }
  /** The platform accepted the order (JD VOP): its id goes on the intent, which stays PROCESSING until the
   * platform reports delivery. */
  | { kind: 'placed'; orderId: string };

/** What became of the platform's order when the partner cancelled the intent. */
export type VoidOutcome =
  | { kind: 'none' }
  | { kind: 'cancelled'; orderId: string }
  /** The platform refused (already shipped): operators are told; the intent stays CANCELLED as the contract says. */
  | { kind: 'refused'; orderId: string; reason: string };

export interface FulfilmentAdapter {
  readonly name: string;
  /** True when `fulfil` may be run again for an intent left PROCESSING without an order (the watchdog's retry):
   * the adapter finds an order it placed before placing another (JD VOP: by thirdOrder). */
  readonly retriesSafely?: boolean;
  /**
   * Places the order. Must be idempotent per intent id: a stream record can be delivered more than once, so the
   * same intent may be handed over again after a crash. Throwing means "try again later" (the record is retried).
   */
  fulfil(intent: Intent): Promise<FulfilmentOutcome>;
  /**
   * Cancels the platform's order for an intent the partner cancelled, if one exists (adapters that place orders
   * themselves). Idempotent; throwing means "try again later".
   */
  void?(intent: Intent): Promise<VoidOutcome>;
}
