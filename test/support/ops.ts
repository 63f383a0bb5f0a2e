// Operator console test helpers: operator identities (the Cognito group `operators` in the JWT claims), calls to
// operator routes by handler name, and intents placed straight into PROCESSING (what the manual adapter leaves).

import { OPERATORS_GROUP } from '../../shared/console/groups';
import { newIntent } from '../../shared/domain/changes';
import type { Intent, Platform } from '../../shared/domain/intent';
import { newIntentId } from '../../shared/domain/intent-id';
import { startProcessing } from '../../shared/domain/lifecycle';
import { type OpsHandlerName, opsRoutes } from '../../shared/routes';
import { createIntent, transition } from '../../shared/store/intents';
import { callRoute, newIdentity, type RouteCall, type TestIdentity } from './console';
import type { Answer } from './events';
import { intentInput } from './intents';

export function newOperator(): TestIdentity {
  return { ...newIdentity(), groups: [OPERATORS_GROUP] };
}

/** Calls an operator route as `who`, filling the path's parameters. */
export function callOps(who: TestIdentity | undefined, name: OpsHandlerName, o: RouteCall = {}): Promise<Answer> {
  return callRoute(who, opsRoutes.find((r) => r.handler === name)!, o);
}

const PRODUCT_URL: Record<Platform, (id: string) => string> = {
  TAOBAO: (id) => `https://item.taobao.com/item.htm?id=${id}`,
  JD: (id) => `https://item.jd.com/${id}.html`,
  PDD: (id) => `https://mobile.yangkeduo.com/goods.html?goods_id=${id}`,
};

/** A PROCESSING intent of `appId` (created SUBMITTED, then moved on as the consumer does), `createdAt` first. */
export async function processingIntent(
  appId: string,
  o: { platform?: Platform; price?: number; at?: Date } = {},
): Promise<Intent> {
  const platform = o.platform ?? 'TAOBAO';
  const at = o.at ?? new Date();
  const intent = newIntent(
    { ...intentInput, platform, productUrl: PRODUCT_URL[platform]('777001'), price: o.price ?? 100, quantity: 1 },
    { id: newIntentId(at.getTime()), appId },
    at.toISOString(),
  );
  await createIntent(intent, 'app');
  return transition({ id: intent.id, change: (i) => startProcessing(i, at.toISOString()), actor: 'system' });
}
