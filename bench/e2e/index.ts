// `npm run bench:e2e` (and part of `npm run bench`): autocannon against the real `npm start` on 127.0.0.1 with a
// partner's mix, 70% reads, 20% creates, 10% updates, from an app whose limits are raised far above the load.
// Reports requests per second, latency p50/p99 and every error by status; errors are counted, never retried away.
// BENCH_E2E_SECONDS (default 30) and BENCH_E2E_CONNECTIONS (default 10) size the run.
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type autocannon from 'autocannon';
import { round } from '../stats';
import { drive, type OperationTally, Tally } from './drive';
import { type ServerLog, type StartedRuntime, startRuntime } from './runtime';
import { createBenchApp, warmUp } from './warmup';
import { type Operation, Workload } from './workload';

const WARM_UP_SUBMITTED = 60;
const WARM_UP_DRAFTS = 60;

export interface E2EResult {
  startedAt: string;
  machine: { node: string; cpus: number; loadavg1m: number };
  connections: number;
  durationSeconds: number;
  warmUp: { intents: number; drafts: number };
  /** autocannon's average over the run's one-second samples. */
  requestsPerSecond: number;
  requests: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  byStatus: Record<string, number>;
  /** Share of the requests sent, answers by status and latency (measured here, send to answer) per operation. */
  byOperation: Record<Operation, OperationTally>;
  /** Wall time of the phases around the measured window. */
  setupSeconds: { runtime: number; warmUp: number };
  /** Non-2xx answers + connection errors + timeouts. The goal is zero. */
  errors: {
    total: number;
    non2xx: number;
    connectionErrors: number;
    timeouts: number;
    /** Business codes of the non-2xx answers, e.g. `503/50301`. */
    byCode: Record<string, number>;
    /** Transport failures by error code, e.g. ECONNRESET. */
    transport: Record<string, number>;
  };
  /** What the runtime logged up to the end of the measured window: non-2xx access lines, WARN/ERROR entries. */
  server: ServerLog;
}

/** The runtime started, `work` run with it, and the runtime stopped (also on Ctrl-C, with its Java). */
async function withRuntime<T>(work: (runtime: StartedRuntime, startSeconds: number) => Promise<T>): Promise<T> {
  const started = performance.now();
  const runtime = await startRuntime();
  const startSeconds = (performance.now() - started) / 1000;
  const interrupted = () => void runtime.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await work(runtime, startSeconds);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await runtime.stop();
  }
}

/** The measured numbers in the report's shape (autocannon's own latency and rate; ours per operation). */
function measured(result: autocannon.Result, tally: Tally) {
  const byStatus: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) byStatus[status] = stats.count ?? 0;
  return {
    durationSeconds: result.duration,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    byStatus,
    byOperation: tally.byOperation(),
    errors: {
      // autocannon's `errors` already includes its timeouts.
      total: result.non2xx + result.errors,
      non2xx: result.non2xx,
      connectionErrors: result.errors - result.timeouts,
      timeouts: result.timeouts,
      byCode: tally.byCode,
      transport: tally.transport,
    },
  };
}

export async function endToEnd(opts: { seconds?: number; connections?: number } = {}): Promise<E2EResult> {
  const seconds = opts.seconds ?? (Number(process.env.BENCH_E2E_SECONDS) || 30);
  const connections = opts.connections ?? (Number(process.env.BENCH_E2E_CONNECTIONS) || 10);
  const startedAt = new Date().toISOString();
  const machine = { node: process.version, cpus: cpus().length, loadavg1m: Number(loadavg()[0]!.toFixed(2)) };
  return withRuntime(async (runtime, startSeconds) => {
    const creds = await createBenchApp(runtime.dynamoDbPort);
    const warmUpStarted = performance.now();
    const pools = await warmUp(runtime.url, creds, WARM_UP_SUBMITTED, WARM_UP_DRAFTS);
    const setupSeconds = { runtime: round(startSeconds), warmUp: round((performance.now() - warmUpStarted) / 1000) };
    const tally = new Tally();
    const result = await drive(runtime.url, new Workload(creds, pools, pools.created), tally, { connections, seconds });
    // Taken now: requests still queued in the runtime when it is stopped fail against a stopped DynamoDB Local,
    // and those failures were never seen by a client.
    const server = structuredClone(runtime.log);
    const warm = { intents: pools.intentIds.length, drafts: pools.draftIds.length };
    return { startedAt, machine, connections, warmUp: warm, setupSeconds, ...measured(result, tally), server };
  });
}

function summary(r: E2EResult): string {
  const mix = Object.entries(r.byOperation)
    .map(([operation, o]) => `${operation} ${o.percent}% (p50 ${o.latencyMs.p50} / p99 ${o.latencyMs.p99} ms)`)
    .join(', ');
  return [
    `e2e: ${r.connections} connections, ${r.durationSeconds} s, load ${r.machine.loadavg1m} on ${r.machine.cpus} cores`,
    `e2e: ${r.requestsPerSecond} req/s (${r.requests} requests), latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms`,
    `e2e: mix ${mix}; by status ${JSON.stringify(r.byStatus)}`,
    `e2e: errors ${r.errors.total} (non-2xx ${r.errors.non2xx} ${JSON.stringify(r.errors.byCode)}, connection ${r.errors.connectionErrors}, timeouts ${r.errors.timeouts})`,
    ...(Object.keys(r.server.problems).length ? [`e2e: server logged ${JSON.stringify(r.server.problems)}`] : []),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  endToEnd()
    .then((result) => {
      console.log(JSON.stringify(result, null, 2));
      console.log(summary(result));
      process.exit(result.errors.total === 0 ? 0 : 1);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
