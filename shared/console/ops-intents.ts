// An intent as an operator sees it: everything needed to place the order by hand (the full phone number, which the
// partner's views mask), who holds its claim, and the highest unit price it may be completed at.
import { describeApp } from '../apps/registry';
import { type Intent, isIntentId } from '../domain/intent';
import { fenToYuan } from '../domain/money';
import { DEFAULT_PRICE_TOLERANCE_PERCENT, maxPaidPriceFen } from '../domain/price-tolerance';
import { publicIntent } from '../domain/public-view';
import { type Claim, getClaim, isLive } from '../fulfilment/claims';
import { ApiError } from '../http/errors';
import { MESSAGES } from '../http/messages';
import { getIntent } from '../store/intents';
import type { Operator } from './ops-http';
import type { ClaimView, OpsIntent } from './ops-schemas';

/** The intent, or 404/40401 (a malformed id is never read). */
export async function intentForOperator(intentId: string): Promise<Intent> {
  const intent = isIntentId(intentId) ? await getIntent(intentId) : null;
  if (!intent) throw new ApiError('NOT_FOUND', { message: MESSAGES.intentNotFound, reason: `no intent ${intentId}` });
  return intent;
}

export async function opsIntentView(intent: Intent, operator: Operator): Promise<OpsIntent> {
  const [app, claim] = await Promise.all([describeApp(intent.appId), getClaim(intent.id)]);
  const tolerance = app?.priceTolerancePercent ?? DEFAULT_PRICE_TOLERANCE_PERCENT;
  const live = isLive(claim) ? claimView(claim, operator) : undefined;
  return {
    intent: { ...publicIntent(intent), phone: intent.phone },
    appId: intent.appId,
    appName: app?.name ?? '',
    ...(live ? { claim: live } : {}),
    priceTolerancePercent: tolerance,
    maxPaidPrice: fenToYuan(maxPaidPriceFen(intent.priceFen, tolerance)),
    ...(intent.paidPriceFen !== undefined ? { paidPrice: fenToYuan(intent.paidPriceFen) } : {}),
  };
}

/** The organisation whose app the intent belongs to (its audit log gets the operator's entry), if any. */
export async function orgOfApp(appId: string): Promise<string | undefined> {
  return (await describeApp(appId))?.orgId;
}

export function claimView(claim: Claim | undefined, operator: Pick<Operator, 'sub'>): ClaimView | undefined {
  if (!claim) return undefined;
  return {
    holderEmail: claim.holder.email,
    claimedAt: claim.claimedAt,
    expiresAt: claim.expiresAt,
    mine: claim.holder.sub === operator.sub,
  };
}
