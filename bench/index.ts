// `npm run bench`: cold start (bundle size and module load time against a baseline), warm in-process overhead,
// sequential DynamoDB round trips, cost per million requests and the local end-to-end load, measured in ONE run.
// Writes bench/results.json, prints the markdown report and puts the same report into docs/performance.md between
// the bench markers (BENCH_README=0 leaves it alone). A measurement, not a test: goals are reported as met or missed.
// BENCH_PARTS=cold,warm,cost,e2e,writes runs a subset (the report then says what was skipped).
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { coldStart } from './cold-start';
import { costPerMillion } from './cost/index';
import { endToEnd } from './e2e/index';
import { type BenchResults, renderReport, withReport } from './report';
import { warmOverhead } from './warm/index';
import { roundTrips } from './warm/round-trips';
import { writesBench } from './writes/index';

const SPAWNS = Number(process.env.BENCH_SPAWNS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'cold,warm,cost,e2e,writes').split(','));

const GOALS = { loadVsBaseline: 0.6, healthVsBaseline: 0.2, sizeKB: 350, warmUs: 300 };
// At most 2 sequential calls for every route, 1 for get (issue 9, goal 3). The list was 1 too until issue 17 item 10:
// it now reads only once the rate limit admitted it, so a 429 never pays for a page (counter, then the page).
const ROUND_TRIP_GOALS: Record<string, number> = {
  create: 2,
  get: 1,
  list: 2,
  'update (edit a draft)': 2,
  delete: 2,
  events: 2,
};

async function main() {
  // Set before the first handler call, when the store client and the logger read them: per-request logs would be
  // measured as console I/O rather than middleware work. The cost and e2e parts run in processes of their own with
  // their own DynamoDB Local, so the stubbed client here never reaches them.
  Object.assign(process.env, {
    TABLE_NAME: 'procure-core-bench',
    AWS_REGION: 'us-east-1',
    LOG_LEVEL: 'SILENT',
    // In-process list calls sign cursors; outside the local runtime they need a key (shared/store/cursor-key.ts).
    CURSOR_SECRET: randomBytes(32).toString('hex'),
  });

  const startedAt = new Date().toISOString();
  const machine = { node: process.version, cpus: cpus().length, loadavg1m: Number(loadavg()[0]!.toFixed(2)) };
  const previous = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8')) as BenchResults;
  const skipped: string[] = [];
  const part = async <T>(name: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    if (PARTS.has(name)) return run();
    skipped.push(name);
    return fallback;
  };
  // Load-sensitive parts first, then the parts that start DynamoDB Local (Java) and load the machine.
  const cold = await part('cold', () => coldStart(SPAWNS), previous.coldStart);
  const warm = await part('warm', () => warmOverhead(CALLS), previous.warm);
  const trips = await part('warm', () => roundTrips(), previous.roundTrips);
  const cost = await part('cost', () => costPerMillion(), previous.cost);
  const e2e = await part('e2e', () => endToEnd(), previous.e2e);
  const writes = await part('writes', () => writesBench(), previous.writes);

  const results: BenchResults = {
    startedAt,
    machine,
    settings: { spawns: SPAWNS, calls: CALLS },
    goals: { ...GOALS, roundTrips: ROUND_TRIP_GOALS },
    coldStart: cold,
    warm,
    roundTrips: trips,
    cost,
    e2e,
    writes,
    skipped: [...new Set(skipped)].map((name) => `${name} (kept from the previous run)`),
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  const report = renderReport(results);
  console.log(report);
  if (process.env.BENCH_README !== '0') {
    // The performance page is generated; README stays hand-written.
    const page = new URL('../docs/performance.md', import.meta.url);
    writeFileSync(page, withReport(readFileSync(page, 'utf8'), report));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
