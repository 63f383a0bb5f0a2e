// The price arithmetic of the cost bench (bench/cost/prices.ts), checked against sums done by hand.
import { describe, expect, it } from 'vitest';
import { costOf, MIX } from '../../bench/cost/index';
import type { Measurement, RouteMeasurement } from '../../bench/cost/measure';
import { blendedUsdPerMillion, PRICES, usdPerMillion } from '../../bench/cost/prices';
import { indexUnits } from '../../bench/cost/transaction';

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

describe('costOf', () => {
  const route = (readUnits: number, writeUnits: number): RouteMeasurement => ({
    readUnits,
    writeUnits,
    unitsVaried: false,
    calls: [],
    failedCalls: 0,
    unreportedCalls: 0,
    localMedianMs: 10,
  });
  const measurement: Measurement = {
    intents: 10_000,
    runs: 5,
    loadSeconds: 1,
    counterItems: 0,
    routes: Object.fromEntries(Object.keys(MIX).map((name) => [name, route(1.5, 1)])),
    appRegistryReadUnits: 0.5,
    fulfilment: { readUnits: 3, writeUnits: 200, calls: [] },
    naive: {
      loadSeconds: 1,
      listReadUnits: 850,
      countReadUnits: 850,
      listPages: 8,
      countPages: 8,
      total: 1605,
      sameTotal: true,
      samePage: true,
    },
  };

  it('charges the naive list both Scans plus the same middleware write as ours', () => {
    // Prepare / Act
    const cost = costOf(measurement, 60);
    // Assess: 1700 RRU × 0.125 + 1 WRU × 0.625 = 213.125, plus the same Lambda and API charges as every request.
    expect(cost.naiveList).toMatchObject({ rcu: 1700, wcu: 1, dynamoUsd: 213.125 });
    expect(cost.naiveOverOurs.listReadUnits).toBe(1133.3);
  });

  it('adds one fulfilment per create to the blended figure', () => {
    const cost = costOf(measurement, 60);
    const perCreate = cost.fulfilment.totalUsdPerMillion;
    expect(cost.blended.withFulfilmentUsdPerMillion).toBeCloseTo(cost.blended.usdPerMillion + 0.2 * perCreate, 4);
    // Two invocations and no API request: 3 × 0.125 + 200 × 0.625 = 125.375, Lambda 2 × 0.333334.
    expect(cost.fulfilment).toMatchObject({ dynamoUsd: 125.375, lambdaUsd: 0.6667, apiUsd: 0 });
  });

  it('says when the naive design answered differently from ours', () => {
    const cost = costOf({ ...measurement, naive: { ...measurement.naive, samePage: false } }, 60);
    expect(cost.naiveList.sameAnswer).toBe(false);
  });
});

describe('indexUnits', () => {
  it('charges a transaction’s index entries as outside a transaction: half what DynamoDB Local reports', () => {
    // DynamoDB Local: 2 for a new entry, 4 for an entry that moved; DynamoDB: 1 and 2.
    expect(indexUnits({ gsi1: 2, gsi3: 4 })).toEqual({ gsi1: 1, gsi3: 2 });
  });
});
