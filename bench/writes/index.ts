// Writes at scale (issue 16), side by side with a baseline git ref built in a temporary folder: one app's creates
// on the local runtime at concurrency 1 (latency) and 8 (throughput), how long list totals take to match a recount
// once writes stop and after single writes (p50/p99), and how long fulfilment takes each intent of the load.
// `writesBench(ref)` is part of `npm run bench` (BENCH_WRITES_BASELINE, default a146e59); `npx tsx bench/writes/index.ts
// [ref]` runs it alone. The baseline runs with this checkout's node_modules.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sign } from '../../shared/auth/signature';
import { type StartedRuntime, startRuntime } from '../e2e/runtime';
import { createBenchApp } from '../e2e/warmup';
import type { Credentials } from '../e2e/workload';
import { round } from '../stats';

export const DEFAULT_BASELINE = 'a146e59';
const SERIAL_CREATES = Number(process.env.BENCH_WRITES_SERIAL ?? 60);
const CONCURRENT_SECONDS = Number(process.env.BENCH_WRITES_SECONDS ?? 20);
const CONCURRENCY = 8;
const CONVERGENCE_SAMPLES = Number(process.env.BENCH_WRITES_SAMPLES ?? 40);
const FULFILMENT_WAIT_MS = 90_000;

const body = (userId: string, status?: 'DRAFT') =>
  JSON.stringify({
    userId,
    platform: 'JD',
    productUrl: 'https://item.jd.com/100012345.html',
    title: '写入压测',
    price: 19.99,
    quantity: 3,
    recipientName: '张三',
    address: '北京市朝阳区望京SOHO T1 1001',
    phone: '13800138000',
    ...(status ? { status } : {}),
  });

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the envelope's data differs per route
  data: any;
}

async function call(base: string, creds: Credentials, method: string, target: string, payload = ''): Promise<Answer> {
  const timestamp = String(Date.now());
  const res = await fetch(`${base}${target}`, {
    method,
    headers: {
      'x-app-id': creds.appId,
      'x-timestamp': timestamp,
      'x-signature': sign(creds.appSecret, method, target, timestamp, payload),
      'content-type': 'application/json',
    },
    body: payload === '' ? undefined : payload,
  });
  const json = (await res.json()) as { data: unknown };
  return { status: res.status, data: json.data };
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!, 1) : 0;
  return { p50: at(50), p99: at(99), max: round(sorted.at(-1) ?? 0, 1), n: sorted.length };
}

export interface WritesSide {
  ref: string;
  serial: { creates: number; latencyMs: ReturnType<typeof percentiles> };
  concurrent: {
    connections: number;
    seconds: number;
    creates: number;
    createsPerSecond: number;
    latencyMs: ReturnType<typeof percentiles>;
    errors: number;
  };
  /** Once writes stop: ms until the app's total equals the number of intents created (a recount). */
  totalsConvergedMs: number | null;
  /** Single creates: ms from the 201 until the list total of its user shows it. */
  convergenceMs: ReturnType<typeof percentiles>;
  /** SUBMITTED intents of the concurrent phase: final status updatedAt − createdAt (s), and how many missed 15 s. */
  fulfilment: { seconds: ReturnType<typeof percentiles>; over15s: number; notFinal: number };
}

export interface WritesResult {
  startedAt: string;
  machine: { node: string; cpus: number; loadavg1m: number };
  baseline: WritesSide;
  current: WritesSide;
  goals: { throughputX: number; latencyRatio: number; convergenceP99Ms: number };
  verdict: {
    throughputX: number;
    latencyRatio: number;
    throughputMet: boolean;
    latencyMet: boolean;
    convergenceMet: boolean;
  };
}

/** The ref's tree in a temporary folder with this checkout's node_modules: nothing to build for tsx. */
export function checkout(ref: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'procure-baseline-'));
  const archive = execFileSync('git', ['archive', '--format=tar', ref], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

async function total(base: string, creds: Credentials, query: string): Promise<number> {
  const a = await call(base, creds, 'GET', `/api/v1/intents?pageSize=1${query}`);
  if (a.status !== 200) throw new Error(`list answered ${a.status}`);
  return a.data.total as number;
}

async function pollUntil(check: () => Promise<boolean>, timeoutMs: number, everyMs = 20): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return performance.now() - started;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return null;
}

interface Side {
  ref: string;
  runtime: StartedRuntime;
  creds: Credentials;
  created: number;
}

async function create(side: Side, userId: string) {
  const t0 = performance.now();
  const a = await call(side.runtime.url, side.creds, 'POST', '/api/v1/intents', body(userId));
  if (a.status === 201) side.created += 1;
  return { ok: a.status === 201, ms: performance.now() - t0, id: a.data?.id as string | undefined };
}

async function serialPhase(side: Side): Promise<WritesSide['serial']> {
  // Warm-up: every handler loaded, the app cached.
  for (let i = 0; i < 5; i++) await create(side, 'warm');
  const serial: number[] = [];
  for (let i = 0; i < SERIAL_CREATES; i++) {
    const r = await create(side, 'serial');
    if (r.ok) serial.push(r.ms);
  }
  return { creates: serial.length, latencyMs: percentiles(serial) };
}

async function concurrentPhase(side: Side): Promise<WritesSide['concurrent'] & { ids: string[]; stopped: number }> {
  const latencies: number[] = [];
  const ids: string[] = [];
  let errors = 0;
  const until = performance.now() + CONCURRENT_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (performance.now() < until) {
        const r = await create(side, `load_${worker}`);
        if (r.ok && r.id) {
          latencies.push(r.ms);
          ids.push(r.id);
        } else errors++;
      }
    }),
  );
  const stopped = performance.now();
  const elapsed = (stopped - started) / 1000;
  return {
    connections: CONCURRENCY,
    seconds: round(elapsed, 1),
    creates: ids.length,
    createsPerSecond: round(ids.length / elapsed, 1),
    latencyMs: percentiles(latencies),
    errors,
    ids,
    stopped,
  };
}

/** ms from `since` until the app's total equals every intent created (null if not within 30 s). */
async function totalsConverged(side: Side, since: number): Promise<number | null> {
  const { url } = side.runtime;
  const converged = await pollUntil(async () => (await total(url, side.creds, '')) === side.created, 30_000);
  return converged === null ? null : round(performance.now() - since, 1);
}

async function convergencePhase(side: Side): Promise<WritesSide['convergenceMs']> {
  const samples: number[] = [];
  for (let i = 0; i < CONVERGENCE_SAMPLES; i++) {
    const userId = `conv_${i}`;
    const r = await create(side, userId);
    if (!r.ok) continue;
    const ms = await pollUntil(
      async () => (await total(side.runtime.url, side.creds, `&userId=${userId}`)) === 1,
      10_000,
    );
    if (ms !== null) samples.push(ms);
  }
  return percentiles(samples);
}

/** Waits until the side's background work for these users is done (every intent final), so it does not load
 * the machine while the other side is measured. */
async function quiet(side: Side, users: string[]): Promise<void> {
  const final = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
  await pollUntil(
    async () => {
      for (const userId of users) {
        let cursor: string | undefined;
        do {
          const target = `/api/v1/intents?pageSize=100&userId=${userId}&fields=status${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const a = await call(side.runtime.url, side.creds, 'GET', target);
          if ((a.data.items as { status: string }[]).some((i) => !final.has(i.status))) return false;
          cursor = a.data.nextCursor;
        } while (cursor);
      }
      return true;
    },
    FULFILMENT_WAIT_MS,
    1000,
  );
}

/** The load's intents: each one's final updatedAt − createdAt, once all are final (or the wait ends). */
async function fulfilmentPhase(side: Side, count: number): Promise<WritesSide['fulfilment']> {
  const final = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
  const durations: number[] = [];
  let notFinal = count;
  await pollUntil(
    async () => {
      durations.length = 0;
      notFinal = 0;
      for (let w = 0; w < CONCURRENCY; w++) {
        let cursor: string | undefined;
        do {
          const target = `/api/v1/intents?pageSize=100&userId=load_${w}&fields=id,status,createdAt,updatedAt${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const a = await call(side.runtime.url, side.creds, 'GET', target);
          for (const item of a.data.items as { status: string; createdAt: string; updatedAt: string }[]) {
            if (final.has(item.status))
              durations.push((Date.parse(item.updatedAt) - Date.parse(item.createdAt)) / 1000);
            else notFinal++;
          }
          cursor = a.data.nextCursor;
        } while (cursor);
      }
      return notFinal === 0;
    },
    FULFILMENT_WAIT_MS,
    1000,
  );
  return { seconds: percentiles(durations), over15s: durations.filter((s) => s > 15).length, notFinal };
}

/**
 * Both runtimes run at once and take turns phase by phase (serial, then the load and convergence), so a change
 * in the machine's load (two cores shared with other work) hits both sides alike.
 */
async function measureBoth(sides: [Side, Side]): Promise<[WritesSide, WritesSide]> {
  const serial: WritesSide['serial'][] = [];
  for (const side of sides) {
    serial.push(await serialPhase(side));
    await quiet(side, ['warm', 'serial']);
  }
  // The load and the single creates run this checkout first: the baseline fulfils one intent at a time, so after
  // its load it stays busy for minutes (35-item transactions on the same two cores), and whichever side ran after
  // it would be measured on a loaded machine. This checkout's backlog is gone within seconds (fulfilmentPhase).
  const concurrent: Awaited<ReturnType<typeof concurrentPhase>>[] = [];
  const converged: (number | null)[] = [];
  const convergence: WritesSide['convergenceMs'][] = [];
  for (const n of [1, 0]) {
    const side = sides[n]!;
    const load = await concurrentPhase(side);
    concurrent[n] = load;
    converged[n] = await totalsConverged(side, load.stopped);
    await fulfilmentPhase(side, load.ids.length);
    convergence[n] = await convergencePhase(side);
  }
  const fulfilment: WritesSide['fulfilment'][] = [];
  for (const [n, side] of sides.entries()) fulfilment.push(await fulfilmentPhase(side, concurrent[n]!.ids.length));
  return sides.map((side, n) => {
    const { ids: _ids, stopped: _stopped, ...load } = concurrent[n]!;
    return {
      ref: side.ref,
      serial: serial[n]!,
      concurrent: load,
      totalsConvergedMs: converged[n]!,
      convergenceMs: convergence[n]!,
      fulfilment: fulfilment[n]!,
    };
  }) as [WritesSide, WritesSide];
}

async function startSide(ref: string, cwd?: string): Promise<Side> {
  const runtime = await startRuntime({ cwd });
  try {
    const creds = await createBenchApp(runtime.dynamoDbPort, 'bench-writes');
    return { ref, runtime, creds, created: 0 };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

const GOALS = { throughputX: 3, latencyRatio: 0.5, convergenceP99Ms: 2000 };

export async function writesBench(ref = process.env.BENCH_WRITES_BASELINE ?? DEFAULT_BASELINE): Promise<WritesResult> {
  const startedAt = new Date().toISOString();
  const machine = { node: process.version, cpus: cpus().length, loadavg1m: Number(loadavg()[0]!.toFixed(2)) };
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  const dir = checkout(ref);
  try {
    const sides: Side[] = [];
    let measured: [WritesSide, WritesSide];
    try {
      sides.push(await startSide(ref, dir));
      sides.push(await startSide(`${head} (this checkout)`));
      measured = await measureBoth(sides as [Side, Side]);
    } finally {
      for (const side of sides) await side.runtime.stop();
    }
    const [baseline, current] = measured;
    const throughputX = round(current.concurrent.createsPerSecond / baseline.concurrent.createsPerSecond, 2);
    const latencyRatio = round(current.serial.latencyMs.p50 / baseline.serial.latencyMs.p50, 2);
    return {
      startedAt,
      machine,
      baseline,
      current,
      goals: GOALS,
      verdict: {
        throughputX,
        latencyRatio,
        throughputMet: throughputX >= GOALS.throughputX,
        latencyMet: latencyRatio <= GOALS.latencyRatio,
        convergenceMet: current.convergenceMs.p99 < GOALS.convergenceP99Ms,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function writesTable(r: WritesResult): string {
  const row = (label: string, s: WritesSide) =>
    `| ${label} | ${s.ref} | ${s.serial.latencyMs.p50} | ${s.concurrent.createsPerSecond} | ${s.concurrent.latencyMs.p50} / ${s.concurrent.latencyMs.p99} | ${s.concurrent.errors} | ${s.totalsConvergedMs ?? 'not in 30 s'} | ${s.convergenceMs.p50} / ${s.convergenceMs.p99} | ${s.fulfilment.seconds.p50} / ${s.fulfilment.seconds.p99} / ${s.fulfilment.seconds.max} | ${s.fulfilment.over15s + s.fulfilment.notFinal} |`;
  return [
    `Writes on the local runtime (one app's creates; run ${r.startedAt}, load ${r.machine.loadavg1m} on ${r.machine.cpus} cores): concurrency 1 for ${r.current.serial.creates} creates, concurrency ${r.current.concurrent.connections} for ${r.current.concurrent.seconds} s.`,
    '',
    '| side | ref | create p50 ms, concurrency 1 | creates/s, concurrency 8 | p50 / p99 ms, concurrency 8 | errors | totals = recount after writes stop (ms) | one create → its total, p50 / p99 ms | fulfilment p50 / p99 / max s | over 15 s or not final |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('baseline', r.baseline),
    row('this', r.current),
    '',
    `Throughput ${r.verdict.throughputX}x the baseline (goal ≥${r.goals.throughputX}x: ${r.verdict.throughputMet ? 'met' : 'missed'}); p50 create latency ${r.verdict.latencyRatio}x (goal ≤${r.goals.latencyRatio}x: ${r.verdict.latencyMet ? 'met' : 'missed'}); convergence p99 ${r.current.convergenceMs.p99} ms (goal <${r.goals.convergenceP99Ms} ms: ${r.verdict.convergenceMet ? 'met' : 'missed'}).`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writesBench(process.argv[2]).then(
    (r) => {
      console.log(writesTable(r));
      console.log(JSON.stringify(r, null, 2));
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
