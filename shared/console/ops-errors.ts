// Operator errors as the console API answers them: the same envelope and codes as the rest of the console. A claim
// or status that forbids recording an outcome is 409/40902 with a message that says which; a paid price above the
// app's tolerance is 400/40001 on the `paidPrice` field (the form shows it there).
import { maxPaidPriceFen } from '../domain/price-tolerance';
import { ClaimTakenError, NotClaimedError } from '../fulfilment/claims';
import { OutcomeRefused, PriceAboveTolerance } from '../fulfilment/operator';
import { ApiError } from '../http/errors';
import { MESSAGES } from '../http/messages';
import { toApiError } from './errors';

const yuan = (fen: number) => (fen / 100).toFixed(2);

export function toOpsApiError(error: Error): Error {
  if (error instanceof ClaimTakenError)
    return new ApiError('STATUS_CONFLICT', {
      message: MESSAGES.claimedByOther(error.claim.holder.email, error.claim.expiresAt),
      data: { claim: error.claim },
      reason: error.message,
    });
  if (error instanceof NotClaimedError)
    return new ApiError('STATUS_CONFLICT', {
      message: MESSAGES.notClaimed,
      reason: error.message,
    });
  if (error instanceof OutcomeRefused)
    return error.status
      ? new ApiError('STATUS_CONFLICT', {
          message: MESSAGES.notProcessing(error.status),
          data: { status: error.status },
          reason: error.message,
        })
      : new ApiError('NOT_FOUND', { message: MESSAGES.intentNotFound, reason: error.message });
  if (error instanceof PriceAboveTolerance) {
    const message = MESSAGES.paidAboveTolerance(
      yuan(error.paidPriceFen),
      yuan(maxPaidPriceFen(error.priceFen, error.tolerancePercent)),
      yuan(error.priceFen),
      error.tolerancePercent,
    );
    return new ApiError('INVALID_PARAMETER', {
      message,
      data: { errors: [{ field: 'paidPrice', message }], field: 'paidPrice', reason: message },
      reason: error.message,
    });
  }
  return toApiError(error);
}
