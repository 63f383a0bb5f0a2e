// `npm run bench:batch` (issue 20): 1,000 intents in batches of 50 vs one by one, on the local runtime (requests,
// wall time) and on a metered DynamoDB Local (write and read units per intent). Goals: at least 5x fewer seconds
// and no more write units per intent than a single create. Writes bench/batch/results.json and prints markdown.
// BENCH_BATCH_INTENTS sets N (default 1000); BENCH_BATCH_PARTS=runtime,cost runs a subset.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { type BatchCost, batchCost } from './cost';
import { type BatchRuntime, batchOnRuntime } from './runtime';

const INTENTS = Number(process.env.BENCH_BATCH_INTENTS ?? 1000);
const PARTS = new Set((process.env.BENCH_BATCH_PARTS ?? 'runtime,cost').split(','));
export const BATCH_GOALS = { speedup: 5 };

export interface BatchBenchResults {
  startedAt: string;
  machine: { node: string; cpus: number; loadavg1m: number };
  goals: typeof BATCH_GOALS & { wruPerIntent: string };
  runtime?: BatchRuntime;
  cost?: BatchCost;
  met: { speedup?: boolean; wruPerIntent?: boolean };
}

export function batchReport(r: BatchBenchResults): string {
  const lines = [
    `Batch create bench, ${r.startedAt} (node ${r.machine.node}, ${r.machine.cpus} CPUs, load ${r.machine.loadavg1m}).`,
    '',
  ];
  if (r.runtime) {
    const { oneByOne: one, batchesOf50: many } = r.runtime;
    lines.push(
      `Local runtime, ${r.runtime.intents} drafts through the TypeScript SDK, one request in flight:`,
      '',
      '| | requests | seconds | intents/s | listed total |',
      '|---|---:|---:|---:|---:|',
      `| one by one (create) | ${one.requests} | ${one.seconds} | ${one.intentsPerSecond} | ${one.listedTotal} |`,
      `| batches of 50 (createMany) | ${many.requests} | ${many.seconds} | ${many.intentsPerSecond} | ${many.listedTotal} |`,
      '',
      `Speed-up ${r.runtime.speedup}x (goal ≥ ${r.goals.speedup}x: ${r.met.speedup ? 'met' : '**missed**'}).`,
      '',
    );
  }
  if (r.cost) {
    lines.push(
      'DynamoDB units (metered, transactions corrected; auth middleware writes included):',
      '',
      '| request | intents | WRU | RRU | WRU/intent | RRU/intent | transactions |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...Object.entries(r.cost).map(
        ([name, c]) =>
          `| ${name} | ${c.intentsPerRequest} | ${c.requestWru} | ${c.requestRru} | ${c.wruPerIntent} | ${c.rruPerIntent} | ${c.transactions} |`,
      ),
      '',
      `No more write units per intent than a single create: ${r.met.wruPerIntent ? 'met' : '**missed**'}.`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const startedAt = new Date().toISOString();
  const machine = { node: process.version, cpus: cpus().length, loadavg1m: Number(loadavg()[0]!.toFixed(2)) };
  // A part not run keeps its figures from the previous run.
  const file = new URL('./results.json', import.meta.url);
  const previous: Partial<BatchBenchResults> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const runtime = PARTS.has('runtime') ? await batchOnRuntime(INTENTS) : previous.runtime;
  const cost = PARTS.has('cost') ? await batchCost() : previous.cost;
  const singleWru = cost?.['single create']?.wruPerIntent;
  const results: BatchBenchResults = {
    startedAt,
    machine,
    goals: { ...BATCH_GOALS, wruPerIntent: '≤ single create' },
    runtime,
    cost,
    met: {
      speedup: runtime ? runtime.speedup >= BATCH_GOALS.speedup : undefined,
      wruPerIntent:
        cost && singleWru !== undefined
          ? Object.entries(cost)
              .filter(([name]) => name.startsWith('batch'))
              .every(([, c]) => c.wruPerIntent <= singleWru)
          : undefined,
    },
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(batchReport(results));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
