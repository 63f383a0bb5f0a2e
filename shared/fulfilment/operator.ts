// An operator reports the outcome of an order placed by hand: the one code path of `npm run ops` and the operator
// console. The write is the store's conditional transition (only a PROCESSING intent changes; the history records
// actor "operator"; the partner's webhook follows from the table's stream like every other status change), in one
// transaction with the claim: the console's caller must hold a live claim, and the CLI (which claims and records in
// one step) is refused while someone else holds one. A completion is checked against the app's price tolerance.
import { priceToleranceOf } from '../apps/price-tolerance';
import { NotFoundError, StatusConflictError } from '../domain/errors';
import type { Intent } from '../domain/intent';
import { complete, fail } from '../domain/lifecycle';
import { maxPaidPriceFen } from '../domain/price-tolerance';
import { getIntent, transition } from '../store/intents';
import { cancellationCodes, type TransactItem } from '../store/transaction';
import { ClaimTakenError, claimSettled, getClaim, type Holder, isLive, NotClaimedError } from './claims';

export type Outcome =
  | {
      verb: 'complete';
      intentId: string;
      orderId: string;
      /** The unit price actually paid, in fen: checked against the app's price tolerance. */
      paidPriceFen: number;
      trackingNumber?: string;
      trackingCompany?: string;
    }
  | { verb: 'fail'; intentId: string; failureCode: string; failureReason: string };

export interface OutcomeOptions {
  /** The console's operator, who must hold the intent's claim; absent for `npm run ops`. */
  holder?: Holder;
  now?: Date;
  /** Writes that commit or fail with the outcome (the console's audit entries). */
  also?: TransactItem[];
}

/** The intent is missing or not PROCESSING (done, failed, cancelled meanwhile): nothing changed. */
export class OutcomeRefused extends Error {
  constructor(
    readonly intentId: string,
    readonly status: string | undefined,
  ) {
    super(
      status ? `intent ${intentId} is ${status}, not PROCESSING: nothing changed` : `intent ${intentId} does not exist`,
    );
    this.name = 'OutcomeRefused';
  }
}

/** The paid unit price is above `price × (1 + tolerance)`: fail the intent with PRICE_CHANGED instead. */
export class PriceAboveTolerance extends Error {
  constructor(
    readonly intentId: string,
    readonly priceFen: number,
    readonly paidPriceFen: number,
    readonly tolerancePercent: number,
  ) {
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    super(
      `paid unit price ${yuan(paidPriceFen)} is above ${yuan(maxPaidPriceFen(priceFen, tolerancePercent))} ` +
        `(submitted ${yuan(priceFen)} + ${tolerancePercent}% tolerance): fail it with PRICE_CHANGED instead`,
    );
    this.name = 'PriceAboveTolerance';
  }
}

async function refusal(intentId: string): Promise<OutcomeRefused> {
  return new OutcomeRefused(intentId, (await getIntent(intentId))?.status);
}

/** The claim rule, read first so the refusal names who holds it; the transaction enforces it again. */
async function checkClaim(intentId: string, holder: Holder | undefined, now: Date): Promise<void> {
  const claim = await getClaim(intentId);
  const live = isLive(claim, now.getTime());
  if (holder) {
    if (!live) throw new NotClaimedError(intentId);
    if (claim.holder.sub !== holder.sub) throw new ClaimTakenError(claim);
  } else if (live) throw new ClaimTakenError(claim);
}

export async function recordOutcome(outcome: Outcome, options: OutcomeOptions = {}): Promise<Intent> {
  const now = options.now ?? new Date();
  const { intentId } = outcome;
  const before = await getIntent(intentId);
  if (before?.status !== 'PROCESSING') throw new OutcomeRefused(intentId, before?.status);
  await checkClaim(intentId, options.holder, now);
  if (outcome.verb === 'complete') {
    const tolerance = await priceToleranceOf(before.appId);
    if (outcome.paidPriceFen > maxPaidPriceFen(before.priceFen, tolerance))
      throw new PriceAboveTolerance(intentId, before.priceFen, outcome.paidPriceFen, tolerance);
  }
  const at = now.toISOString();
  const change = (intent: Intent): Intent =>
    outcome.verb === 'complete'
      ? {
          ...complete(
            intent,
            {
              orderId: outcome.orderId,
              ...(outcome.trackingNumber ? { trackingNumber: outcome.trackingNumber } : {}),
              ...(outcome.trackingCompany ? { trackingCompany: outcome.trackingCompany } : {}),
            },
            at,
          ),
          paidPriceFen: outcome.paidPriceFen,
        }
      : fail(intent, { failureCode: outcome.failureCode, failureReason: outcome.failureReason }, at);
  try {
    return await transition({
      id: intentId,
      change,
      actor: 'operator',
      also: [...(options.also ?? []), claimSettled(intentId, options.holder, now)],
    });
  } catch (error) {
    // The claim is the transaction's last item: it changed between the check above and the write.
    if (cancellationCodes(error)?.at(-1) === 'ConditionalCheckFailed') {
      await checkClaim(intentId, options.holder, now);
      throw new NotClaimedError(intentId);
    }
    // The intent moved on meanwhile (a partner's cancel, another operator's outcome): say where it is now.
    if (error instanceof StatusConflictError || error instanceof NotFoundError) throw await refusal(intentId);
    throw error;
  }
}
