// What the cost bench reports, apart from how it is computed (./index) and printed (./report).
import type { Measurement } from './measure';
import type { Dollars, PRICES } from './prices';

export interface RouteCost extends Dollars {
  rcu: number;
  wcu: number;
}

export interface CostResult {
  prices: typeof PRICES;
  lambda: { memoryMb: number; billedMs: number };
  assumptions: string[];
  intents: number;
  loadSeconds: number;
  totalSeconds: number;
  routes: Record<string, RouteCost>;
  /** Per function instance per app, once per cache period: not in the per-request figures. */
  appRegistryRead: { rcu: number; dynamoUsdPerMillion: number };
  /** Background work per SUBMITTED intent: DynamoDB and two Lambda invocations, no API request. */
  fulfilment: RouteCost;
  /** The naive list request, with the same auth middleware writes as ours. */
  naiveList: RouteCost & { listRcu: number; countRcu: number; sameAnswer: boolean };
  naiveOverOurs: { listReadUnits: number; listUsd: number };
  blended: { mix: Record<string, number>; usdPerMillion: number; withFulfilmentUsdPerMillion: number };
  measurement: Measurement;
}
