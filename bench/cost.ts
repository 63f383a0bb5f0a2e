// Cost per million requests (issue 9, goal 4): the DynamoDB units each route's real handler consumes on DynamoDB
// Local with 10k intents loaded, priced with published on-demand DynamoDB, Lambda arm64 and HTTP API prices, beside
// a naive list (Scan + Select COUNT) on the same data. `costPerMillion()` is part of `npm run bench`;
// `npx tsx bench/cost.ts` runs it alone and prints a markdown table.
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Measurement } from './cost-measure';
import { blendedUsdPerMillion, type Dollars, PRICES, usdPerMillion } from './cost-prices';
import { round } from './stats';

/** The function memory HandlerFunction sets (lib/constructs/handler-function.ts). */
const LAMBDA_MEMORY_MB = 512;
/**
 * Billed duration assumed for every invocation. DynamoDB Local on two shared cores is many times slower than
 * DynamoDB, so measured local times would overstate it; 20 ms is a warm handler making one or two sequential
 * DynamoDB calls of a few ms each. At this size the duration charge is small beside the request charges anyway.
 */
const LAMBDA_MS = Number(process.env.BENCH_COST_LAMBDA_MS ?? 20);
/** A measurement longer than this is stuck; the child is stopped (and stops its DynamoDB Local). */
const TIMEOUT_MS = 15 * 60_000;

/** 70% reads (split evenly between a detail GET and list page 1), 20% creates, 10% updates (edits of drafts). */
export const MIX: Record<string, number> = {
  get: 0.35,
  'list page 1 (status, total)': 0.35,
  create: 0.2,
  'update (edit a draft)': 0.1,
};

export interface RouteCost extends Dollars {
  rcu: number;
  wcu: number;
}

export interface CostResult {
  prices: typeof PRICES;
  assumptions: string[];
  intents: number;
  loadSeconds: number;
  totalSeconds: number;
  routes: Record<string, RouteCost>;
  /** Per function instance per app, once per cache period: not in the per-request figures. */
  appRegistryRead: { rcu: number; usdPerMillion: number };
  /** Background work per SUBMITTED intent: DynamoDB and two Lambda invocations, no API request. */
  fulfilment: RouteCost;
  naiveList: { rcu: number; listRcu: number; countRcu: number; usdPerMillion: number; sameAnswer: boolean };
  naiveOverOursList: number;
  blended: { mix: Record<string, number>; usdPerMillion: number };
  measurement: Measurement;
}

function measureInChild(): Promise<Measurement> {
  const script = fileURLToPath(new URL('./cost-measure.ts', import.meta.url));
  const child = fork(script, [], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    execArgv: ['--import', 'tsx'],
    // Node 20 here, Lambda runs Node 22: the SDK's reminder would only add noise to the bench's output.
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let measurement: Measurement | undefined;
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.on('message', (message) => {
      measurement = message as Measurement;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (measurement && code === 0) resolve(measurement);
      else reject(new Error(`cost measurement failed (exit ${code ?? signal})`));
    });
  });
}

const request = (rcu: number, wcu: number): RouteCost => ({
  rcu,
  wcu,
  ...usdPerMillion({
    readUnits: rcu,
    writeUnits: wcu,
    lambdaInvocations: 1,
    lambdaMs: LAMBDA_MS,
    lambdaMemoryMb: LAMBDA_MEMORY_MB,
    apiRequests: 1,
  }),
});

const noRequest = { readUnits: 0, writeUnits: 0, lambdaInvocations: 0, lambdaMs: 0, lambdaMemoryMb: 0, apiRequests: 0 };

export async function costPerMillion(): Promise<CostResult> {
  const started = Date.now();
  const m = await measureInChild();
  const routes = Object.fromEntries(
    Object.entries(m.routes).map(([name, r]) => [name, request(r.readUnits, r.writeUnits)]),
  );
  const ourList = routes['list page 1 (status, total)']!;
  const naiveRcu = m.naive.listReadUnits + m.naive.countReadUnits;
  const naive = request(naiveRcu, 0);
  const fulfilment: RouteCost = {
    rcu: m.fulfilment.readUnits,
    wcu: m.fulfilment.writeUnits,
    ...usdPerMillion({
      readUnits: m.fulfilment.readUnits,
      writeUnits: m.fulfilment.writeUnits,
      lambdaInvocations: 2,
      lambdaMs: LAMBDA_MS,
      lambdaMemoryMb: LAMBDA_MEMORY_MB,
      apiRequests: 0,
    }),
  };
  const totals = Object.fromEntries(Object.entries(routes).map(([name, r]) => [name, r.totalUsdPerMillion]));
  return {
    prices: PRICES,
    assumptions: [
      `read and write units as DynamoDB Local reported them (ReturnConsumedCapacity INDEXES on every call the real handlers made), median of ${m.runs} runs, ${m.intents} intents loaded`,
      'each request includes the auth middleware’s rate-limit UpdateItem, and writes its replay-guard PutItem; the app registry read is cached per instance and listed apart',
      `Lambda: ${LAMBDA_MEMORY_MB} MB arm64, ${LAMBDA_MS} ms billed per invocation (assumed, not measured: see localMedianMs for this machine)`,
      'free tiers, data transfer, storage, streams (free for Lambda triggers) and CloudWatch Logs are left out',
      'naive list: a filtered Scan of the whole table for page 1 plus a Select COUNT Scan for the total, same data, same answer checked',
      `blended mix: ${Object.entries(MIX)
        .map(([name, share]) => `${name} ${share * 100}%`)
        .join(', ')}`,
    ],
    intents: m.intents,
    loadSeconds: m.loadSeconds,
    totalSeconds: round((Date.now() - started) / 1000, 1),
    routes,
    appRegistryRead: {
      rcu: m.appRegistryReadUnits,
      usdPerMillion: usdPerMillion({ ...noRequest, readUnits: m.appRegistryReadUnits }).dynamoUsd,
    },
    fulfilment,
    naiveList: {
      rcu: naiveRcu,
      listRcu: m.naive.listReadUnits,
      countRcu: m.naive.countReadUnits,
      usdPerMillion: naive.totalUsdPerMillion,
      sameAnswer: m.naive.sameTotal && m.naive.samePage,
    },
    naiveOverOursList: round(naive.totalUsdPerMillion / ourList.totalUsdPerMillion, 1),
    blended: { mix: MIX, usdPerMillion: blendedUsdPerMillion(totals, MIX) },
    measurement: m,
  };
}

/** The cost table in markdown, for the bench's output and the README. */
export function costTable(r: CostResult): string {
  const usd = (n: number) => `$${n.toFixed(2)}`;
  const lines = [
    `Cost per million requests, ${r.prices.region} prices checked ${r.prices.checkedOn}: DynamoDB on-demand ` +
      `$${r.prices.dynamoDbOnDemand.usdPerMillionReadUnits}/M RRU, $${r.prices.dynamoDbOnDemand.usdPerMillionWriteUnits}/M WRU; ` +
      `Lambda arm64 $${r.prices.lambdaArm64.usdPerMillionRequests}/M + $${r.prices.lambdaArm64.usdPerGbSecond}/GB-s ` +
      `(${LAMBDA_MEMORY_MB} MB, ${LAMBDA_MS} ms assumed); HTTP API $${r.prices.httpApi.usdPerMillionRequests}/M. ` +
      `${r.intents} intents on DynamoDB Local (loaded in ${r.loadSeconds} s; whole run ${r.totalSeconds} s).`,
    '',
    '| route | RRU | WRU | DynamoDB $/M | Lambda $/M | HTTP API $/M | total $/M |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (name: string, c: RouteCost) =>
    `| ${name} | ${c.rcu} | ${c.wcu} | ${usd(c.dynamoUsd)} | ${usd(c.lambdaUsd)} | ${usd(c.apiUsd)} | ${usd(c.totalUsdPerMillion)} |`;
  for (const [name, c] of Object.entries(r.routes)) lines.push(row(name, c));
  lines.push(row('fulfilment per intent (background, 2 invocations)', r.fulfilment));
  lines.push(
    `| naive list page 1 + total (Scan + Select COUNT Scan) | ${r.naiveList.rcu} (${r.naiveList.listRcu} + ${r.naiveList.countRcu}) | 0 | | | | ${usd(r.naiveList.usdPerMillion)} |`,
    '',
    `Naive list / ours: ${r.naiveOverOursList}x (same answer: ${r.naiveList.sameAnswer ? 'yes' : '**no**'}). ` +
      `Blended (${Object.entries(r.blended.mix)
        .map(([name, share]) => `${share * 100}% ${name}`)
        .join(', ')}): ${usd(r.blended.usdPerMillion)} per million requests. ` +
      `App registry read: ${r.appRegistryRead.rcu} RRU once per instance per cache period, not in the rows.`,
  );
  return lines.join('\n');
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
