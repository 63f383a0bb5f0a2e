// The real `npm start` (bin/start.ts under tsx) as a child process on free loopback ports with a temporary
// DATA_DIR, for the end-to-end bench: started, awaited on /health, its warnings kept, and stopped with its Java.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../../local/ports';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/**
 * Where the throwaway DATA_DIR goes: a RAM-backed folder where the system has one. DynamoDB Local keeps its table
 * in a SQLite file there, and on this machine's disk every write waits for the file to sync (26 puts/s one at a
 * time, 42 with 8 clients, against 154 and 270 on /dev/shm): a bench on disk measures the disk, which neither the
 * deployed API nor the code under test pays. Every runtime a bench starts (the writes bench's baseline too) uses it,
 * so comparisons stay like for like. BENCH_DATA_ROOT overrides it (e.g. the OS temp folder, to measure the disk).
 */
export const DATA_ROOT = process.env.BENCH_DATA_ROOT ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

export interface ServerLog {
  /** Access-log lines (`METHOD path → handler status ms`) per non-2xx status. */
  refusedByStatus: Record<string, number>;
  /** WARN/ERROR log entries per `message: error name`, e.g. `dependency unavailable: TransactionCanceledException`. */
  problems: Record<string, number>;
  /** A few of those entries: message, error name and message, cancellation reasons; never headers or bodies. */
  samples: string[];
}

export interface StartedRuntime {
  url: string;
  dynamoDbPort: number;
  log: ServerLog;
  stop(): Promise<void>;
}

const ACCESS_LINE = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \S+.* (\d{3}) \d+ms$/;

/** Reads one line of the runtime's output into the summary. */
export function recordLine(log: ServerLog, line: string): void {
  const access = ACCESS_LINE.exec(line);
  if (access) {
    const status = access[2]!;
    if (!status.startsWith('2')) log.refusedByStatus[status] = (log.refusedByStatus[status] ?? 0) + 1;
    return;
  }
  if (!line.startsWith('{')) return;
  let entry: { level?: string; message?: string; error?: { name?: string; message?: string } };
  try {
    entry = JSON.parse(line);
  } catch {
    return;
  }
  if (entry.level !== 'WARN' && entry.level !== 'ERROR' && entry.level !== 'CRITICAL') return;
  const key = `${entry.message}${entry.error?.name ? `: ${entry.error.name}` : ''}`;
  log.problems[key] = (log.problems[key] ?? 0) + 1;
  if (log.samples.length < 5) log.samples.push(`${key} — ${(entry.error?.message ?? '').slice(0, 300)}`);
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the runtime exited before it was ready (code ${child.exitCode})`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the runtime did not answer /api/v1/health in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `cwd`: another checkout to run (the writes bench's baseline); it must have this checkout's node_modules. */
export async function startRuntime(options: { cwd?: string } = {}): Promise<StartedRuntime> {
  const port = await freePort();
  let dynamoDbPort = await freePort();
  // Two probes in a row may be handed the same ephemeral port.
  while (dynamoDbPort === port) dynamoDbPort = await freePort();
  const dataDir = mkdtempSync(join(DATA_ROOT, 'procure-e2e-'));
  const child = spawn(TSX, ['bin/start.ts'], {
    cwd: options.cwd,
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoDbPort),
      DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: '',
      TABLE_NAME: '',
      // WARN keeps the per-request info logs out of the measurement but shows why a request got a 5xx.
      LOG_LEVEL: 'WARN',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group (tsx, node and Java), so a stuck runtime can be killed whole.
    detached: true,
  });
  const log: ServerLog = { refusedByStatus: {}, problems: {}, samples: [] };
  const startupErrors: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => recordLine(log, line));
  createInterface({ input: child.stderr! }).on('line', (line) => {
    recordLine(log, line);
    if (startupErrors.length < 20) startupErrors.push(line);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM lets bin/start.ts stop DynamoDB Local itself; the group kill is the fallback.
      child.kill('SIGTERM');
      const timer = setTimeout(() => killGroup(child), 15_000);
      await exited;
      clearTimeout(timer);
    }
    killGroup(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, 120_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${startupErrors.join('\n')}`);
  }
  return { url, dynamoDbPort, log, stop };
}

/** Kills whatever is left of the runtime's process group (Java included); nothing when it is already gone. */
function killGroup(child: ChildProcess) {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group has exited.
  }
}
