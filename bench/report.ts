// The benchmark's markdown report, rendered from bench/results.json alone, so `npm run bench` prints exactly what it
// writes into README (between the bench markers) and a test can check the README still matches the results file.
import type { ColdStartResult } from './cold-start';
import { type CostResult, costTable } from './cost/index';
import type { E2EResult } from './e2e/index';
import type { WarmResult } from './warm/index';
import type { RoundTripResult } from './warm/round-trips';
import { type WritesResult, writesTable } from './writes/index';

export interface BenchResults {
  startedAt: string;
  machine: { node: string; cpus: number; loadavg1m: number };
  settings: { spawns: number; calls: number };
  goals: {
    loadVsBaseline: number;
    healthVsBaseline: number;
    sizeKB: number;
    warmUs: number;
    roundTrips: Record<string, number>;
  };
  coldStart: ColdStartResult;
  warm: WarmResult;
  roundTrips: RoundTripResult;
  cost?: CostResult;
  e2e?: E2EResult;
  /** Issue 16: one app's writes beside a baseline ref (absent in runs before it). */
  writes?: WritesResult;
  skipped: string[];
}

export const README_START = '<!-- bench:start (written by npm run bench from bench/results.json) -->';
export const README_END = '<!-- bench:end -->';

const mark = (ok: boolean) => (ok ? 'yes' : '**no**');

function coldStartTable(r: BenchResults): string[] {
  const { goals, coldStart: cold } = r;
  const lines = [
    `Baseline (DocumentClient + middy + zod, minified CJS, default mainFields): ${cold.baseline.sizeKB} KB, load ${cold.baseline.loadMs} ms.`,
    '',
    `| function | size KB | ≤${goals.sizeKB} KB | load ms | x baseline | load goal met |`,
    '|---|---:|---|---:|---:|---|',
  ];
  for (const [name, f] of Object.entries(cold.functions)) {
    const limit = name === 'health' ? goals.healthVsBaseline : goals.loadVsBaseline;
    const fast = f.loadVsBaseline !== null && f.loadVsBaseline <= limit;
    lines.push(
      `| ${name} | ${f.sizeKB} | ${mark(f.sizeKB <= goals.sizeKB)} | ${f.loadMs ?? f.error} | ${f.loadVsBaseline ?? '-'} | ${mark(fast)} (≤${limit}x) |`,
    );
  }
  return lines;
}

function warmTable(r: BenchResults): string[] {
  const { goals } = r;
  const lines = [
    `| route | status | warm median µs | ≤${goals.warmUs} µs | p90 µs | sequential DynamoDB calls (total) | goal met |`,
    '|---|---:|---:|---|---:|---:|---|',
  ];
  // Warm overhead is measured for create, get and list; round trips for every partner route.
  for (const [route, t] of Object.entries(r.roundTrips)) {
    const w = r.warm.routes[route];
    const tripGoal = goals.roundTrips[route]!;
    const warm = w ? `${w.medianUs} | ${mark(w.medianUs <= goals.warmUs)} | ${w.p90Us}` : '- | - | -';
    lines.push(
      `| ${route} | ${t.status} | ${warm} | ${t.sequential} (${t.calls}) | ${mark(t.sequential <= tripGoal)} (≤${tripGoal}) |`,
    );
  }
  return lines;
}

function e2eTable(e: E2EResult): string[] {
  const lines = [
    `Local end to end (autocannon against \`npm start\`, ${e.connections} connections, ${e.durationSeconds} s, load ${e.machine.loadavg1m}): ` +
      `${e.requestsPerSecond} req/s over ${e.requests} requests, p50 ${e.latencyMs.p50} ms, p99 ${e.latencyMs.p99} ms, ` +
      `errors ${e.errors.total} (zero errors: ${mark(e.errors.total === 0)}).`,
    '',
    '| operation | share % | p50 ms | p99 ms | answers by status |',
    '|---|---:|---:|---:|---|',
  ];
  for (const [operation, o] of Object.entries(e.byOperation)) {
    const statuses = Object.entries(o.byStatus)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    lines.push(`| ${operation} | ${o.percent} | ${o.latencyMs.p50} | ${o.latencyMs.p99} | ${statuses} |`);
  }
  return lines;
}

/** The whole report in markdown. */
export function renderReport(r: BenchResults): string {
  const { machine, settings } = r;
  const lines = [
    `Run ${r.startedAt} on Node ${machine.node}, ${machine.cpus} cores, load ${machine.loadavg1m}; medians of ${settings.spawns} spawns / ${settings.calls} calls.`,
    '',
    ...coldStartTable(r),
    '',
    ...warmTable(r),
  ];
  if (r.cost) lines.push('', costTable(r.cost));
  if (r.e2e) lines.push('', ...e2eTable(r.e2e));
  if (r.writes) lines.push('', writesTable(r.writes));
  if (r.skipped.length) lines.push('', `Skipped: ${r.skipped.join('; ')}.`);
  return lines.join('\n');
}

/** README with its bench section replaced by `report`; throws if the markers are missing. */
export function withReport(readme: string, report: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('README has no bench markers');
  return `${readme.slice(0, start + README_START.length)}\n\n${report}\n\n${readme.slice(end)}`;
}
