// `npm run bench:e2e` (and part of `npm run bench`): autocannon against the real `npm start` on 127.0.0.1 with a
// partner's mix, 70% reads, 20% creates, 10% updates, from an app whose limits are raised far above the load.
// Reports requests per second, latency p50/p99 and every error by status; errors are counted, never retried away.
// BENCH_E2E_SECONDS (default 30) and BENCH_E2E_CONNECTIONS (default 10) size the run.
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { round } from '../stats';
import { type ServerLog, startRuntime } from './runtime';
import { createBenchApp, warmUp } from './warmup';
import { MIX, type Operation, Workload } from './workload';

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
  byOperation: Record<
    Operation,
    { percent: number; byStatus: Record<string, number>; latencyMs: { p50: number; p99: number } }
  >;
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

interface Context {
  operation?: Operation;
  sentAt?: number;
}

/** Nearest-rank percentile in ms, one decimal. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(1));
}

const count = (tally: Record<string, number>, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

function latencyOf(latencies: number[]) {
  const sorted = latencies.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

function businessCode(body: string): string {
  try {
    return String((JSON.parse(body) as { code?: unknown }).code);
  } catch {
    return 'not JSON';
  }
}

export async function endToEnd(opts: { seconds?: number; connections?: number } = {}): Promise<E2EResult> {
  const seconds = opts.seconds ?? (Number(process.env.BENCH_E2E_SECONDS) || 30);
  const connections = opts.connections ?? (Number(process.env.BENCH_E2E_CONNECTIONS) || 10);
  const startedAt = new Date().toISOString();
  const machine = { node: process.version, cpus: cpus().length, loadavg1m: Number(loadavg()[0]!.toFixed(2)) };
  let phase = performance.now();
  const runtime = await startRuntime();
  const runtimeSeconds = (performance.now() - phase) / 1000;
  // Ctrl-C during a run must not leave the runtime and its Java behind.
  const interrupted = () => void runtime.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const creds = await createBenchApp(runtime.dynamoDbPort);
    phase = performance.now();
    const pools = await warmUp(runtime.url, creds, WARM_UP_SUBMITTED, WARM_UP_DRAFTS);
    const setupSeconds = { runtime: round(runtimeSeconds), warmUp: round((performance.now() - phase) / 1000) };
    const workload = new Workload(creds, pools, pools.created);

    const byOperation = Object.fromEntries(
      Object.keys(MIX).map((operation) => [
        operation,
        { sent: 0, byStatus: {} as Record<string, number>, latencies: [] as number[] },
      ]),
    ) as Record<Operation, { sent: number; byStatus: Record<string, number>; latencies: number[] }>;
    const byCode: Record<string, number> = {};
    const transport: Record<string, number> = {};

    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: runtime.url,
          connections,
          duration: seconds,
          requests: [
            {
              // Called for every request just before it is written, so each one carries a fresh signature.
              setupRequest: (request, context: Context) => {
                const next = workload.next();
                context.operation = next.operation;
                context.sentAt = performance.now();
                byOperation[next.operation].sent++;
                return { ...request, method: next.method, path: next.path, headers: next.headers, body: next.body };
              },
              // One request in flight per connection (no pipelining): the context still names this answer's operation.
              onResponse: (status, body, context: Context) => {
                if (context.operation) {
                  const operation = byOperation[context.operation];
                  count(operation.byStatus, String(status));
                  operation.latencies.push(performance.now() - context.sentAt!);
                }
                if (status < 200 || status >= 300) count(byCode, `${status}/${businessCode(body)}`);
              },
            },
          ],
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on('reqError', (error: NodeJS.ErrnoException) => count(transport, error.code ?? error.message));
    });

    // Taken now: requests still queued in the runtime when it is stopped fail against a stopped DynamoDB Local,
    // and those failures were never seen by a client.
    const server = structuredClone(runtime.log);
    const sent = Object.values(byOperation).reduce((n, o) => n + o.sent, 0);
    const byStatus: Record<string, number> = {};
    for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) byStatus[status] = stats.count ?? 0;
    return {
      startedAt,
      machine,
      connections,
      durationSeconds: result.duration,
      warmUp: { intents: pools.intentIds.length, drafts: pools.draftIds.length },
      setupSeconds,
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
      byOperation: Object.fromEntries(
        Object.entries(byOperation).map(([operation, o]) => [
          operation,
          {
            percent: Number(((100 * o.sent) / sent).toFixed(1)),
            byStatus: o.byStatus,
            latencyMs: latencyOf(o.latencies),
          },
        ]),
      ) as E2EResult['byOperation'],
      errors: {
        // autocannon's `errors` already includes its timeouts.
        total: result.non2xx + result.errors,
        non2xx: result.non2xx,
        connectionErrors: result.errors - result.timeouts,
        timeouts: result.timeouts,
        byCode,
        transport,
      },
      server,
    };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await runtime.stop();
  }
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
