// The measuring half of the cost bench, run as its own process by bench/cost/index.ts: the store client reads
// DYNAMODB_ENDPOINT once, on first use, and `npm run bench` has by then used it with no endpoint and a stubbed send,
// so only a fresh process can point the real handlers at a DynamoDB Local of its own. Sends its Measurement to the
// parent over IPC and always stops DynamoDB Local, even when interrupted.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClient, startDynamoDbLocal } from '../../local/dynamodb-local';
import { freePort } from '../../local/ports';
import { ensureTable } from '../../local/table-setup';
import { intentsFulfilmentStore } from '../../shared/fulfilment/store';
import { documentClient as storeDocumentClient, dynamo as storeDynamo } from '../../shared/store/client';
import { clearAppCache, createTestApp } from '../../test/support/apps';
import { type Credentials, invoke } from '../../test/support/events';
import { bulkLoad, counterItems, sampleIntent, seededRandom } from '../../tools/listing-load';
import { median, round } from '../stats';
import { type MeteredCall, meter } from './meter';
import { loadNaiveTable, naiveList } from './naive';
import { type CostRoute, costRoutes } from './routes';
import { transactionSizer } from './transaction';

const TABLE = 'procure-core-bench-cost';
const NAIVE_TABLE = 'procure-core-bench-naive';
const INTENTS = Number(process.env.BENCH_COST_INTENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_COST_RUNS ?? 5);

type Call = Omit<MeteredCall, 'reported' | 'failed' | 'meterMs'>;

export interface RouteMeasurement {
  readUnits: number;
  writeUnits: number;
  /** Whether the units differed between runs (the figures are medians); if so, each run's [read, write]. */
  unitsVaried: boolean;
  unitsPerRun?: [number, number][];
  /** DynamoDB calls of the last run, with where their units went. */
  calls: Call[];
  /** Calls that failed (conflict retries) or came back without ConsumedCapacity, over all runs. */
  failedCalls: number;
  unreportedCalls: number;
  /** In-process, against DynamoDB Local on this machine: context only, not what Lambda would bill. */
  localMedianMs: number;
}

export interface Measurement {
  intents: number;
  runs: number;
  /** Our table: intents with their listing attributes and counter items (bulk load, as bench/list/index.ts). */
  loadSeconds: number;
  counterItems: number;
  routes: Record<string, RouteMeasurement>;
  /** The auth middleware's read of the app, made once per function instance per APP_CACHE_TTL_MS. */
  appRegistryReadUnits: number;
  /** What the stream consumer writes to take one SUBMITTED intent to COMPLETED (two stream records). */
  fulfilment: { readUnits: number; writeUnits: number; calls: Call[] };
  naive: {
    /** The naive table: the same intents as plain items, nothing else. */
    loadSeconds: number;
    listReadUnits: number;
    countReadUnits: number;
    listPages: number;
    countPages: number;
    total: number;
    /** Our list's total and page 1 for the same query, before any route wrote: both designs must agree. */
    sameTotal: boolean;
    samePage: boolean;
  };
}

const readUnits = (calls: MeteredCall[]) => calls.filter((c) => c.kind === 'read').reduce((a, c) => a + c.units, 0);
const writeUnits = (calls: MeteredCall[]) => calls.filter((c) => c.kind === 'write').reduce((a, c) => a + c.units, 0);
const brief = (calls: MeteredCall[]): Call[] => calls.map(({ reported: _r, failed: _f, meterMs: _m, ...call }) => call);

type Meter = ReturnType<typeof meter>;

/** RUNS metered requests of one route after one unmetered warm-up (whose app registry read is measured apart). */
async function meterRoute(name: string, route: CostRoute, metered: Meter): Promise<RouteMeasurement> {
  const runs: { calls: MeteredCall[]; ms: number }[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const event = await route.prepare();
    metered.take();
    const t0 = performance.now();
    const answer = await invoke(route.handler, event);
    const calls = metered.take();
    const ms = performance.now() - t0 - calls.reduce((a, c) => a + c.meterMs, 0);
    if (answer.status >= 300) throw new Error(`${name} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (run > 0) runs.push({ calls, ms });
  }
  const reads = runs.map((r) => readUnits(r.calls));
  const writes = runs.map((r) => writeUnits(r.calls));
  const all = runs.flatMap((r) => r.calls);
  const varied = new Set(reads).size > 1 || new Set(writes).size > 1;
  return {
    readUnits: median(reads),
    writeUnits: median(writes),
    unitsVaried: varied,
    ...(varied ? { unitsPerRun: reads.map((read, n): [number, number] => [read, writes[n]!]) } : {}),
    calls: brief(runs.at(-1)!.calls),
    failedCalls: all.filter((c) => c.failed).length,
    unreportedCalls: all.filter((c) => !c.reported && !c.failed).length,
    localMedianMs: round(median(runs.map((r) => r.ms)), 1),
  };
}

/** The naive list's units for the query our list route sends, and whether both designs answer alike. */
async function naiveBesideOurs(
  doc: DynamoDBDocumentClient,
  creds: Credentials,
  ourList: CostRoute,
  metered: Meter,
): Promise<Omit<Measurement['naive'], 'loadSeconds'>> {
  const ours = await invoke(ourList.handler, await ourList.prepare());
  metered.take();
  const naive = await naiveList(doc, NAIVE_TABLE, creds.appId, 'SUBMITTED', 20);
  const calls = metered.take();
  const ourIds = (ours.body.data.items as { id: string }[]).map((i) => i.id);
  return {
    listReadUnits: readUnits(calls.slice(0, naive.listPages)),
    countReadUnits: readUnits(calls.slice(naive.listPages)),
    listPages: naive.listPages,
    countPages: naive.countPages,
    total: naive.total,
    sameTotal: naive.total === ours.body.data.total,
    samePage: JSON.stringify(naive.items.map((i) => i.id)) === JSON.stringify(ourIds),
  };
}

const seconds = (since: number) => round((Date.now() - since) / 1000, 1);

async function measure(endpoint: string): Promise<Measurement> {
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: TABLE,
    AWS_REGION: 'local',
    LOG_LEVEL: 'SILENT',
    // List cursors need a key outside the local runtime (shared/store/cursor-key.ts): one per run.
    CURSOR_SECRET: randomBytes(32).toString('hex'),
  });
  // Never real AWS: with a KMS key configured, creating the bench's app would call KMS to seal its secret.
  delete process.env.APP_SECRETS_KMS_KEY_ID;
  // The store's clients, built now that the environment names the table and DynamoDB Local.
  const documentClient = storeDocumentClient();
  const dynamo = storeDynamo();

  await ensureTable(dynamo, TABLE);
  // Limits raised so the bench's own pace never meets a 429.
  const creds = await createTestApp({ limits: { create: 10_000, query: 10_000, update: 10_000 } });
  const random = seededRandom(INTENTS);
  const intents = Array.from({ length: INTENTS }, (_, n) =>
    sampleIntent(n, random, { appId: creds.appId, users: 100, days: 60 }),
  );
  let started = Date.now();
  await bulkLoad(documentClient, TABLE, intents, 8);
  const loadSeconds = seconds(started);
  console.error(`cost bench: loaded ${INTENTS} intents in ${loadSeconds} s`);
  started = Date.now();
  await loadNaiveTable(dynamo, documentClient, NAIVE_TABLE, intents);
  const naiveLoadSeconds = seconds(started);
  console.error(`cost bench: loaded the naive table in ${naiveLoadSeconds} s`);

  const sizingClient = localClient(endpoint);
  const metered = meter(dynamo, await transactionSizer(sizingClient, `${TABLE}-sizing`));
  const routes = costRoutes(creds, intents[0]!.id);
  const naive = await naiveBesideOurs(documentClient, creds, routes['list page 1 (status, total)']!, metered);

  const result: Measurement['routes'] = {};
  for (const [name, route] of Object.entries(routes)) {
    result[name] = await meterRoute(name, route, metered);
    console.error(`cost bench: ${name}: ${result[name].readUnits} RRU, ${result[name].writeUnits} WRU`);
  }

  // The registry read: a get on a cold app cache, less a warm get.
  const get = routes.get!;
  clearAppCache();
  const coldEvent = await get.prepare();
  metered.take();
  await invoke(get.handler, coldEvent);
  const appRegistryReadUnits = readUnits(metered.take()) - result.get!.readUnits;

  // The stream consumer's calls for one intent: SUBMITTED → PROCESSING, then (adapter aside) → COMPLETED.
  const fulfilmentStore = intentsFulfilmentStore();
  const submitted = await invoke(routes.create!.handler, await routes.create!.prepare());
  const id: string = submitted.body.data.id;
  metered.take();
  await fulfilmentStore.startProcessing(id);
  await fulfilmentStore.current(id);
  await fulfilmentStore.complete(id, { orderId: 'bench-order', trackingNumber: 'SF0000', trackingCompany: 'SF' });
  const fulfilmentCalls = metered.take();

  dynamo.destroy();
  sizingClient.destroy();
  return {
    intents: INTENTS,
    runs: RUNS,
    loadSeconds,
    counterItems: counterItems(intents).length,
    routes: result,
    appRegistryReadUnits,
    fulfilment: {
      readUnits: readUnits(fulfilmentCalls),
      writeUnits: writeUnits(fulfilmentCalls),
      calls: brief(fulfilmentCalls),
    },
    naive: { loadSeconds: naiveLoadSeconds, ...naive },
  };
}

async function main() {
  const local = await startDynamoDbLocal({ port: await freePort(), timeoutMs: 60_000 });
  const stop = () => local.stop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const measurement = await measure(local.endpoint);
    await new Promise<void>((done, fail) =>
      process.send!(measurement, (error: Error | null) => (error ? fail(error) : done())),
    );
  } finally {
    await local.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
