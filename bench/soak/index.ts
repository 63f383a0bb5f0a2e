// `npm run soak`: a bounded mixed load against the local runtime on 127.0.0.1, with bad requests mixed in, then a
// reconciliation of what was created against what the list route reports. It starts and stops the runtime itself
// (free ports, temporary DATA_DIR) and exits non-zero on any 5xx, any unexpected answer, any reconciliation gap or
// any submitted intent that missed the local 15 s fulfilment promise. SOAK_SECONDS (default 180, at most 600) and
// SOAK_MAX_REQUESTS (default 20000) bound the run. Parts: client.ts (signed calls), operations.ts (the load),
// checks.ts (what is checked after it).
import { type StartedRuntime, startRuntime } from '../e2e/runtime';
import { createBenchApp } from '../e2e/warmup';
import { fulfilledInTime, reconcile, totalsConverge } from './checks';
import { type Call, soakClient } from './client';
import { operationPicker, SoakState } from './operations';

const SECONDS = Math.min(Number(process.env.SOAK_SECONDS ?? 180) || 180, 600);
const MAX_REQUESTS = Math.min(Number(process.env.SOAK_MAX_REQUESTS ?? 20_000) || 20_000, 100_000);
const WORKERS = 8;

/** WORKERS loops of random operations until the time or the request budget is spent. */
async function load(call: Call, s: SoakState): Promise<void> {
  const pick = operationPicker(call, s);
  let sent = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (Date.now() < until && sent < MAX_REQUESTS) {
        sent++;
        try {
          await pick()();
        } catch (error) {
          // A refused connection means the runtime is gone: one violation, then stop instead of spinning.
          s.violations.push(`transport: ${(error as Error).message} (did the runtime stop?)`);
          sent = MAX_REQUESTS;
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  console.log(`soak: ${sent} requests in ${elapsed.toFixed(1)} s (${(sent / elapsed).toFixed(0)}/s)`);
  console.log(`soak: by status ${JSON.stringify(Object.fromEntries([...s.byStatus].sort(([a], [b]) => a - b)))}`);
}

function verdict(s: SoakState, runtime: StartedRuntime | undefined): void {
  if (runtime && Object.keys(runtime.log.problems).length)
    console.log(`soak: the runtime logged ${JSON.stringify(runtime.log.problems)}`);
  if (s.violations.length) {
    console.error(`soak: FAILED with ${s.violations.length} violations`);
    for (const v of s.violations.slice(0, 20)) console.error(`  ${v}`);
    process.exit(1);
  }
  console.log('soak: OK — zero 5xx, every answer as expected, reconciliation exact');
}

async function main() {
  const s = new SoakState();
  let runtime: StartedRuntime | undefined;
  try {
    runtime = await startRuntime();
    const creds = await createBenchApp(runtime.dynamoDbPort, 'soak');
    console.log(
      `soak: runtime on ${runtime.url}, app ${creds.appId}, ${SECONDS} s or ${MAX_REQUESTS} requests, ${WORKERS} workers`,
    );
    const call = soakClient(runtime.url, creds);
    await load(call, s);
    await totalsConverge(call, s);
    await reconcile(call, s);
    await fulfilledInTime(call, s);
  } catch (error) {
    s.violations.push(`soak aborted: ${(error as Error).message}`);
  } finally {
    await runtime?.stop();
  }
  verdict(s, runtime);
}

void main();
