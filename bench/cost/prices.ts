// Published AWS prices and the arithmetic that turns one request's measured usage into dollars per million such
// requests. Pure: the unit test checks it by hand, and bench/cost/index.ts feeds it what DynamoDB Local reported.

/**
 * us-east-1 list prices, free tiers left out (they vanish at the volumes a per-million figure is about).
 * Checked 2026-11-23 against copies of the AWS pricing pages (no network here to the pages themselves); the
 * DynamoDB figures are those since the on-demand price cut of 2024-11-01, and none of the three has changed since as
 * far as we know. Re-check https://aws.amazon.com/dynamodb/pricing/on-demand/, https://aws.amazon.com/lambda/pricing/
 * and https://aws.amazon.com/api-gateway/pricing/ before quoting these numbers to anyone.
 */
export const PRICES = {
  region: 'us-east-1',
  checkedOn: '2026-11-23',
  dynamoDbOnDemand: {
    usdPerMillionWriteUnits: 0.625,
    usdPerMillionReadUnits: 0.125,
    note: 'Standard table class, on-demand; prices since 2024-11-01 (halved that day)',
  },
  lambdaArm64: {
    usdPerMillionRequests: 0.2,
    usdPerGbSecond: 0.0000133334,
    note: 'first price tier (up to 7.5 billion GB-s a month); duration billed in 1 ms steps',
  },
  httpApi: {
    usdPerMillionRequests: 1.0,
    note: 'first 300 million requests a month; each request metered in 512 KB steps (ours are far smaller)',
  },
} as const;

/** What one request (or one background unit of work) uses. */
export interface Usage {
  readUnits: number;
  writeUnits: number;
  lambdaInvocations: number;
  /** Billed duration of each invocation. */
  lambdaMs: number;
  lambdaMemoryMb: number;
  apiRequests: number;
}

export interface Dollars {
  dynamoUsd: number;
  lambdaUsd: number;
  apiUsd: number;
  totalUsdPerMillion: number;
}

/** Cents matter at these sizes; more digits would only pretend to a precision the inputs lack. */
const round = (usd: number) => Math.round(usd * 10_000) / 10_000;

/** Dollars for a million requests that each use `usage`. */
export function usdPerMillion(usage: Usage, prices = PRICES): Dollars {
  const dynamo = prices.dynamoDbOnDemand;
  const lambda = prices.lambdaArm64;
  // A unit a request uses once costs, over a million requests, the per-million price of one unit.
  const dynamoUsd = usage.readUnits * dynamo.usdPerMillionReadUnits + usage.writeUnits * dynamo.usdPerMillionWriteUnits;
  const gbSeconds = (usage.lambdaMemoryMb / 1024) * (Math.ceil(usage.lambdaMs) / 1000);
  const lambdaUsd =
    usage.lambdaInvocations * (lambda.usdPerMillionRequests + gbSeconds * 1_000_000 * lambda.usdPerGbSecond);
  const apiUsd = usage.apiRequests * prices.httpApi.usdPerMillionRequests;
  return {
    dynamoUsd: round(dynamoUsd),
    lambdaUsd: round(lambdaUsd),
    apiUsd: round(apiUsd),
    totalUsdPerMillion: round(dynamoUsd + lambdaUsd + apiUsd),
  };
}

/** Dollars per million requests of a mix; weights are shares of the requests and must add up to 1. */
export function blendedUsdPerMillion(perRoute: Record<string, number>, mix: Record<string, number>): number {
  const weights = Object.values(mix).reduce((a, b) => a + b, 0);
  if (Math.abs(weights - 1) > 1e-9) throw new Error(`mix weights add up to ${weights}, not 1`);
  let usd = 0;
  for (const [route, weight] of Object.entries(mix)) {
    const cost = perRoute[route];
    if (cost === undefined) throw new Error(`mix names ${route}, which was not measured`);
    usd += weight * cost;
  }
  return round(usd);
}
