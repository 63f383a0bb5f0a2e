// The end-to-end bench's measured window: autocannon sends the workload's requests (each signed just before it is
// written) and every answer is tallied by operation, status and business code, transport failures by error code.
import autocannon from 'autocannon';
import { MIX, type Operation, type Workload } from './workload';

interface Context {
  operation?: Operation;
  sentAt?: number;
}

const count = (tally: Record<string, number>, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

function businessCode(body: string): string {
  try {
    return String((JSON.parse(body) as { code?: unknown }).code);
  } catch {
    return 'not JSON';
  }
}

/** Nearest-rank percentile in ms, one decimal. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(1));
}

function latencyOf(latencies: number[]) {
  const sorted = latencies.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export interface OperationTally {
  percent: number;
  byStatus: Record<string, number>;
  latencyMs: { p50: number; p99: number };
}

type Sent = { sent: number; byStatus: Record<string, number>; latencies: number[] };

/** What the clients saw: per operation, per non-2xx business code, per transport failure. */
export class Tally {
  private readonly operations = Object.fromEntries(
    Object.keys(MIX).map((operation) => [operation, { sent: 0, byStatus: {}, latencies: [] } as Sent]),
  ) as Record<Operation, Sent>;
  readonly byCode: Record<string, number> = {};
  readonly transport: Record<string, number> = {};

  sent(operation: Operation): void {
    this.operations[operation].sent++;
  }

  answered(operation: Operation | undefined, status: number, body: string, ms: number): void {
    if (operation) {
      count(this.operations[operation].byStatus, String(status));
      this.operations[operation].latencies.push(ms);
    }
    if (status < 200 || status >= 300) count(this.byCode, `${status}/${businessCode(body)}`);
  }

  failed(error: NodeJS.ErrnoException): void {
    count(this.transport, error.code ?? error.message);
  }

  byOperation(): Record<Operation, OperationTally> {
    const all = Object.values(this.operations).reduce((n, o) => n + o.sent, 0);
    return Object.fromEntries(
      Object.entries(this.operations).map(([operation, o]) => [
        operation,
        { percent: Number(((100 * o.sent) / all).toFixed(1)), byStatus: o.byStatus, latencyMs: latencyOf(o.latencies) },
      ]),
    ) as Record<Operation, OperationTally>;
  }
}

/** Runs autocannon against `url` for `seconds` with `connections`, every request from `workload`. */
export function drive(
  url: string,
  workload: Workload,
  tally: Tally,
  options: { connections: number; seconds: number },
): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            // Called for every request just before it is written, so each one carries a fresh signature.
            setupRequest: (request, context: Context) => {
              const next = workload.next();
              context.operation = next.operation;
              context.sentAt = performance.now();
              tally.sent(next.operation);
              return { ...request, method: next.method, path: next.path, headers: next.headers, body: next.body };
            },
            // One request in flight per connection (no pipelining): the context still names this answer's operation.
            onResponse: (status, body, context: Context) =>
              tally.answered(context.operation, status, body, performance.now() - (context.sentAt ?? 0)),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('reqError', (error: NodeJS.ErrnoException) => tally.failed(error));
  });
}
