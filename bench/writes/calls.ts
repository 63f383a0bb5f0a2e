// What one created-and-fulfilled intent costs DynamoDB Local, call by call: `npx tsx bench/writes/calls.ts [creates]
// [git ref]` starts `npm start` (of that ref, built in a temporary folder as the writes bench builds its baseline) with bench/writes/call-counter.mjs preloaded, creates 100 intents to warm it up, then `creates`
// (200) intents from 8 clients as the writes bench does, waits until every one is final and the totals equal a
// recount, and prints each operation
// and each item shape per intent (requests and the background's fulfilment, counters and stream reads together),
// and the CPU time DynamoDB Local's process spent per intent meanwhile (Linux only: its /proc stat). DynamoDB Local
// does every item access on one SQLite thread and reads its table description for each request and each item, so
// its CPU per intent, less noisy on a shared machine than a rate, bounds what one app's writes can reach locally.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '../../shared/auth/signature';
import { startRuntime } from '../e2e/runtime';
import { createBenchApp } from '../e2e/warmup';
import { checkout } from './index';

const CREATES = Number(process.argv[2] ?? 200);
const REF = process.argv[3];
const CLIENTS = 8;
const WARM_UP = 100;

const dir = mkdtempSync(join(tmpdir(), 'procure-calls-'));
process.env.BENCH_CALLS_DIR = dir;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${join(import.meta.dirname, 'call-counter.mjs')}`;

function counted(): Record<string, number> {
  const all: Record<string, number> = {};
  for (const file of readdirSync(dir))
    for (const [key, n] of Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, number>))
      all[key] = (all[key] ?? 0) + n;
  return all;
}

/** CPU ms (user + system) DynamoDB Local's Java process has used so far, or undefined off Linux. */
function emulatorCpuMs(port: number): () => number | undefined {
  let pid: string | undefined;
  try {
    pid = execFileSync('pgrep', ['-f', `DynamoDBLocal.jar.*-port ${port}`])
      .toString()
      .trim()
      .split('\n')[0];
  } catch {
    pid = undefined;
  }
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  return () => {
    if (!pid || !existsSync(`/proc/${pid}/stat`)) return undefined;
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  };
}

const cwd = REF ? checkout(REF) : undefined;
const runtime = await startRuntime({ cwd });
try {
  const cpu = emulatorCpuMs(runtime.dynamoDbPort);
  const creds = await createBenchApp(runtime.dynamoDbPort, 'bench-calls');
  const call = async (method: string, target: string, body = '') => {
    const timestamp = String(Date.now());
    const res = await fetch(`${runtime.url}${target}`, {
      method,
      headers: {
        'x-app-id': creds.appId,
        'x-timestamp': timestamp,
        'x-signature': sign(creds.appSecret, method, target, timestamp, body),
        'content-type': 'application/json',
      },
      body: body || undefined,
    });
    return (await res.json()) as { data: { total: number } };
  };
  const body = JSON.stringify({
    userId: 'u',
    platform: 'JD',
    productUrl: 'https://item.jd.com/100012345.html',
    title: '调用计数',
    price: 19.99,
    quantity: 3,
    recipientName: '张三',
    address: '北京市朝阳区望京SOHO T1 1001',
    phone: '13800138000',
  });
  /** `n` creates from CLIENTS clients, then until the totals count `total` and none is SUBMITTED or PROCESSING. */
  const load = async (n: number, total: number, users: string) => {
    let started = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        while (started++ < n) await call('POST', '/api/v1/intents', body.replace('"u"', `"${users}_${client}"`));
      }),
    );
    for (;;) {
      const all = await call('GET', '/api/v1/intents?pageSize=1');
      const open = await call('GET', '/api/v1/intents?pageSize=1&status=SUBMITTED');
      const processing = await call('GET', '/api/v1/intents?pageSize=1&status=PROCESSING');
      if (all.data.total === total && open.data.total + processing.data.total === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  // A warm-up load first: the JVM compiles DynamoDB Local's hot paths in its first minute, which is not the load's
  // CPU. Idle polling after it is not the load's either: measured from three seconds later.
  await load(WARM_UP, WARM_UP, 'warm');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const before = counted();
  const cpuBefore = cpu();
  await load(CREATES, WARM_UP + CREATES, 'calls');
  // The last counts reach the files within a second.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const after = counted();
  const cpuAfter = cpu();
  const rows = Object.keys(after)
    .map((key) => [key, (after[key]! - (before[key] ?? 0)) / CREATES] as const)
    .filter(([, n]) => n >= 0.005)
    .sort((a, b) => b[1] - a[1]);
  console.log(`per created-and-fulfilled intent (${CREATES} creates from ${CLIENTS} clients):`);
  for (const [key, n] of rows) console.log(`  ${n.toFixed(2).padStart(6)}  ${key}`);
  const items = rows.filter(([key]) => key.startsWith('item ')).reduce((sum, [, n]) => sum + n, 0);
  const calls = rows.filter(([key]) => key.startsWith('call ')).reduce((sum, [, n]) => sum + n, 0);
  console.log(`  ${items.toFixed(2).padStart(6)}  items in all, ${calls.toFixed(2)} calls in all`);
  if (cpuBefore !== undefined && cpuAfter !== undefined)
    console.log(`  ${((cpuAfter - cpuBefore) / CREATES).toFixed(1).padStart(6)}  ms of DynamoDB Local's CPU`);
} finally {
  await runtime.stop();
  rmSync(dir, { recursive: true, force: true });
  if (cwd) rmSync(cwd, { recursive: true, force: true });
}
