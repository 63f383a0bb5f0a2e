// The port every platform's fulfilment goes through. An adapter places the order for an intent and says how it went;
// it never writes the intent itself: the consumer owns the conditional writes around it.
import type { Intent } from '../domain/intent';

export type FulfilmentOutcome =
  | { kind: 'completed'; orderId: string; trackingNumber: string; trackingCompany: string }
  | { kind: 'failed'; failureCode: string; failureReason: string }
  /** The order is placed by people (manual adapter): the intent stays PROCESSING until `npm run ops` reports it. */
  | { kind: 'pending' };

export interface FulfilmentAdapter {
  readonly name: string;
  /**
   * Places the order. Must be idempotent per intent id: a stream record can be delivered more than once, so the
   * same intent may be handed over again after a crash. Throwing means "try again later" (the record is retried).
   */
  fulfil(intent: Intent): Promise<FulfilmentOutcome>;
}
