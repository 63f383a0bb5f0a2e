// Cost per million requests (issue 9, goal 4): the DynamoDB units each route's real handler consumes on DynamoDB
// Local with 10k intents loaded, priced with published on-demand DynamoDB, Lambda arm64 and HTTP API prices, beside
// a naive list (Scan + Select COUNT) of the same intents. `costPerMillion()` is part of `npm run bench`;
// `npx tsx bench/cost/index.ts` runs it alone and prints a markdown table.
import { pathToFileURL } from 'node:url';
import { round } from '../stats';
import { measureInChild } from './child';
import type { Measurement } from './measure';
import { blendedUsdPerMillion, PRICES, usdPerMillion } from './prices';
import { costTable } from './report';
import type { CostResult, RouteCost } from './result';

export type { CostResult, RouteCost };
export { costTable };

/** The function memory HandlerFunction sets (infra/constructs/handler-function.ts). */
export const LAMBDA_MEMORY_MB = 512;
/**
 * Billed duration assumed for every invocation. DynamoDB Local on two shared cores is many times slower than
 * DynamoDB, so times measured here would overstate it; 20 ms is a warm handler making one or two sequential
 * DynamoDB calls of a few ms each. Beside the request charges the duration charge is small either way.
 */
export const LAMBDA_MS = Number(process.env.BENCH_COST_LAMBDA_MS ?? 20);

const LIST = 'list page 1 (status, total)';

/** 70% reads (a detail GET and list page 1, evenly), 20% creates, 10% updates (draft edits and cancels, evenly). */
export const MIX: Record<string, number> = {
  get: 0.35,
  [LIST]: 0.35,
  create: 0.2,
  'update (edit a draft)': 0.05,
  'update (cancel)': 0.05,
};

function priced(rcu: number, wcu: number, lambdaInvocations = 1, apiRequests = 1): RouteCost {
  const usage = { readUnits: rcu, writeUnits: wcu, lambdaMs: LAMBDA_MS, lambdaMemoryMb: LAMBDA_MEMORY_MB };
  return { rcu, wcu, ...usdPerMillion({ ...usage, lambdaInvocations, apiRequests }) };
}

/** Dollars per million for a measurement; pure, so a saved measurement can be priced again. */
export function costOf(m: Measurement, totalSeconds: number): CostResult {
  const routes = Object.fromEntries(
    Object.entries(m.routes).map(([name, r]) => [name, priced(r.readUnits, r.writeUnits)]),
  );
  const ours = routes[LIST]!;
  const naiveRcu = m.naive.listReadUnits + m.naive.countReadUnits;
  const naive = priced(naiveRcu, ours.wcu);
  const fulfilment = priced(m.fulfilment.readUnits, m.fulfilment.writeUnits, 2, 0);
  const totals = Object.fromEntries(Object.entries(routes).map(([name, r]) => [name, r.totalUsdPerMillion]));
  const blended = blendedUsdPerMillion(totals, MIX);
  return {
    prices: PRICES,
    lambda: { memoryMb: LAMBDA_MEMORY_MB, billedMs: LAMBDA_MS },
    assumptions: [
      `read and write units from ReturnConsumedCapacity INDEXES on every DynamoDB call the real handlers made on DynamoDB Local, median of ${m.runs} runs, ${m.intents} intents loaded; TransactWriteItems corrected (bench/cost/transaction.ts): its table part computed from the published rule with item sizes from DynamoDB Local, its GSI part halved from what Local reports (not doubled on DynamoDB, per a third party's measurement)`,
      'every request includes the auth middleware’s rate-limit UpdateItem, and writes its replay-guard PutItem; the app registry read is cached per instance and listed apart',
      `Lambda: ${LAMBDA_MEMORY_MB} MB arm64, ${LAMBDA_MS} ms billed per invocation (assumed, not measured: localMedianMs is this machine's DynamoDB Local)`,
      'free tiers, data transfer, storage, stream reads (free for Lambda triggers) and CloudWatch Logs are left out',
      'naive list: a filtered Scan of a table holding only the same intents, for page 1, plus a Select COUNT Scan for the total; both designs answered alike; same middleware writes and Lambda time as ours (a real Scan of this size runs far longer)',
      'fulfilment: the stream consumer’s reads and two conditional transitions per intent, two invocations (one per stream record, unbatched)',
      `blended mix: ${Object.entries(MIX)
        .map(([name, share]) => `${name} ${round(share * 100, 1)}%`)
        .join(', ')}; "with fulfilment" adds one fulfilment per create`,
    ],
    intents: m.intents,
    loadSeconds: m.loadSeconds,
    totalSeconds,
    routes,
    appRegistryRead: {
      rcu: m.appRegistryReadUnits,
      dynamoUsdPerMillion: priced(m.appRegistryReadUnits, 0, 0, 0).dynamoUsd,
    },
    fulfilment,
    naiveList: {
      ...naive,
      listRcu: m.naive.listReadUnits,
      countRcu: m.naive.countReadUnits,
      sameAnswer: m.naive.sameTotal && m.naive.samePage,
    },
    naiveOverOurs: {
      listReadUnits: round(naiveRcu / ours.rcu, 1),
      listUsd: round(naive.totalUsdPerMillion / ours.totalUsdPerMillion, 1),
    },
    blended: {
      mix: MIX,
      usdPerMillion: blended,
      withFulfilmentUsdPerMillion: round(blended + (MIX.create ?? 0) * fulfilment.totalUsdPerMillion, 4),
    },
    measurement: m,
  };
}

export async function costPerMillion(): Promise<CostResult> {
  const started = Date.now();
  const m = await measureInChild();
  return costOf(m, round((Date.now() - started) / 1000, 1));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  costPerMillion().then(
    (result) => console.log(costTable(result)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
