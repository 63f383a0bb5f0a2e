// Operator errors as the console API answers them: the same envelope and codes as the rest of the console. A claim
// or status that forbids recording an outcome is 409/40902 with a message that says which; a paid price above the
// app's tolerance is 400/40001 on the `paidPrice` field (the form shows it there).
import { maxPaidPriceFen } from '../domain/price-tolerance';
import { ClaimTakenError, NotClaimedError } from '../fulfilment/claims';
import { OutcomeRefused, PriceAboveTolerance } from '../fulfilment/operator';
import { ApiError } from '../http/errors';
import { toApiError } from './errors';

const yuan = (fen: number) => (fen / 100).toFixed(2);

export function toOpsApiError(error: Error): Error {
  if (error instanceof ClaimTakenError)
    return new ApiError('STATUS_CONFLICT', {
      message: `该意图已被 ${error.claim.holder.email} 认领(至 ${error.claim.expiresAt}),不能认领或记录结果`,
      data: { claim: error.claim },
      reason: error.message,
    });
  if (error instanceof NotClaimedError)
    return new ApiError('STATUS_CONFLICT', {
      message: '你没有认领该意图(或认领已过期),请先认领',
      reason: error.message,
    });
  if (error instanceof OutcomeRefused)
    return error.status
      ? new ApiError('STATUS_CONFLICT', {
          message: `该意图当前状态为 ${error.status},不是 PROCESSING,未做任何修改`,
          data: { status: error.status },
          reason: error.message,
        })
      : new ApiError('NOT_FOUND', { message: '采购意图不存在', reason: error.message });
  if (error instanceof PriceAboveTolerance) {
    const message =
      `实付单价 ${yuan(error.paidPriceFen)} 元超过允许的上限 ` +
      `${yuan(maxPaidPriceFen(error.priceFen, error.tolerancePercent))} 元` +
      `(提交价 ${yuan(error.priceFen)} 元 + ${error.tolerancePercent}% 容差),请改为以 PRICE_CHANGED 标记失败并注明当前价格`;
    return new ApiError('INVALID_PARAMETER', {
      message,
      data: { errors: [{ field: 'paidPrice', message }], field: 'paidPrice', reason: message },
      reason: error.message,
    });
  }
  return toApiError(error);
}
