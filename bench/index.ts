// `npm run bench`: cold start (bundle size and module load time against a baseline), warm in-process overhead and
// sequential DynamoDB round trips per route, measured in ONE run. Writes bench/results.json and prints a markdown
// table. A measurement, not a test: goals are reported as met or missed, never asserted.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const SPAWNS = Number(process.env.BENCH_SPAWNS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);

const GOALS = { loadVsBaseline: 0.6, healthVsBaseline: 0.2, sizeKB: 350, warmUs: 300 };
const ROUND_TRIP_GOALS: Record<string, number> = { create: 2, get: 1, list: 1 };

async function main() {
  // Set before any handler loads: the store client reads TABLE_NAME at import, and per-request logs would be
  // measured as console I/O rather than middleware work.
  Object.assign(process.env, { TABLE_NAME: 'procure-core-bench', AWS_REGION: 'us-east-1', LOG_LEVEL: 'SILENT' });
  const { coldStart } = await import('./cold-start');
  const { warmOverhead } = await import('./warm');
  const { roundTrips } = await import('./round-trips');

  const startedAt = new Date().toISOString();
  const machine = { node: process.version, cpus: cpus().length, loadavg1m: Number(loadavg()[0]!.toFixed(2)) };
  const cold = await coldStart(SPAWNS);
  const warm = await warmOverhead(CALLS);
  const trips = await roundTrips();

  const results = {
    startedAt,
    machine,
    goals: { ...GOALS, roundTrips: ROUND_TRIP_GOALS },
    coldStart: cold,
    warm,
    roundTrips: trips,
    skipped: ['cost per million requests (ReturnConsumedCapacity on DynamoDB Local)', 'autocannon local end to end'],
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

  const mark = (ok: boolean) => (ok ? 'yes' : '**no**');
  const lines = [
    `Run ${startedAt} on Node ${machine.node}, ${machine.cpus} cores, load ${machine.loadavg1m}; medians of ${SPAWNS} spawns / ${CALLS} calls.`,
    '',
    `Baseline (DocumentClient + middy + zod, minified CJS, default mainFields): ${cold.baseline.sizeKB} KB, load ${cold.baseline.loadMs} ms.`,
    '',
    `| function | size KB | size ≤${GOALS.sizeKB} KB | load ms | x baseline | load goal met |`,
    '|---|---:|---|---:|---:|---|',
  ];
  for (const [name, f] of Object.entries(cold.functions)) {
    const limit = name === 'health' ? GOALS.healthVsBaseline : GOALS.loadVsBaseline;
    const fast = f.loadVsBaseline !== null && f.loadVsBaseline <= limit;
    lines.push(
      `| ${name} | ${f.sizeKB} | ${mark(f.sizeKB <= GOALS.sizeKB)} | ${f.loadMs ?? f.error} | ${f.loadVsBaseline ?? '-'} | ${mark(fast)} (≤${limit}x) |`,
    );
  }
  lines.push(
    '',
    `| route | status | warm median µs | ≤${GOALS.warmUs} µs | p90 µs | sequential DynamoDB calls (total) | goal met |`,
  );
  lines.push('|---|---:|---:|---|---:|---:|---|');
  for (const [route, w] of Object.entries(warm.routes)) {
    const t = trips[route]!;
    lines.push(
      `| ${route} | ${w.status} | ${w.medianUs} | ${mark(w.medianUs <= GOALS.warmUs)} | ${w.p90Us} | ${t.sequential} (${t.calls}) | ${mark(t.sequential <= ROUND_TRIP_GOALS[route]!)} (≤${ROUND_TRIP_GOALS[route]}) |`,
    );
  }
  lines.push('', `Skipped: ${results.skipped.join('; ')}.`);
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
