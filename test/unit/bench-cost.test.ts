// The price arithmetic of the cost bench (bench/cost-prices.ts), checked against sums done by hand.
import { describe, expect, it } from 'vitest';
import { blendedUsdPerMillion, PRICES, usdPerMillion } from '../../bench/cost-prices';

const oneRequest = {
  readUnits: 0,
  writeUnits: 0,
  lambdaInvocations: 1,
  lambdaMs: 20,
  lambdaMemoryMb: 512,
  apiRequests: 1,
};

describe('usdPerMillion', () => {
  it('prices a unit used once per request at the per-million unit price', () => {
    // Prepare / Act
    const reads = usdPerMillion({ ...oneRequest, readUnits: 1 });
    const writes = usdPerMillion({ ...oneRequest, writeUnits: 1 });
    // Assess
    expect(reads.dynamoUsd).toBe(0.125);
    expect(writes.dynamoUsd).toBe(0.625);
  });

  it('adds the Lambda request charge to GB-seconds at the function memory', () => {
    // 0.5 GB × 0.020 s × 1e6 = 10,000 GB-s × $0.0000133334 = $0.133334, plus $0.20 for the requests.
    expect(usdPerMillion(oneRequest).lambdaUsd).toBe(0.3333);
  });

  it('bills Lambda duration in whole milliseconds, rounded up', () => {
    expect(usdPerMillion({ ...oneRequest, lambdaMs: 19.2 }).lambdaUsd).toBe(usdPerMillion(oneRequest).lambdaUsd);
  });

  it('sums DynamoDB, Lambda and HTTP API into the total', () => {
    // 1.5 RRU and 1 WRU: 0.1875 + 0.625 = 0.8125; Lambda 0.333334; HTTP API 1.
    const cost = usdPerMillion({ ...oneRequest, readUnits: 1.5, writeUnits: 1 });
    expect(cost).toEqual({ dynamoUsd: 0.8125, lambdaUsd: 0.3333, apiUsd: 1, totalUsdPerMillion: 2.1458 });
  });

  it('charges nothing for an API Gateway that was not called (background work)', () => {
    const cost = usdPerMillion({ ...oneRequest, apiRequests: 0, lambdaInvocations: 2 });
    expect(cost.apiUsd).toBe(0);
    expect(cost.lambdaUsd).toBe(0.6667);
  });

  it('states where its prices come from and when they were checked', () => {
    expect(PRICES.region).toBe('us-east-1');
    expect(PRICES.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('blendedUsdPerMillion', () => {
  it('weights each route by its share of the requests', () => {
    // 0.7 × 2 + 0.2 × 20 + 0.1 × 10 = 6.4
    expect(blendedUsdPerMillion({ get: 2, create: 20, update: 10 }, { get: 0.7, create: 0.2, update: 0.1 })).toBe(6.4);
  });

  it('refuses a mix whose shares do not add up to one', () => {
    expect(() => blendedUsdPerMillion({ get: 2 }, { get: 0.7 })).toThrow(/add up to 0.7/);
  });

  it('refuses a mix naming a route that was not measured', () => {
    expect(() => blendedUsdPerMillion({ get: 2 }, { get: 0.5, create: 0.5 })).toThrow(/create/);
  });
});
