// `tsx bench/e2e/sweep.ts`: the end-to-end bench at several connection counts (BENCH_E2E_SWEEP, default
// 1,5,10,20,40), each on a fresh runtime, to find the load at which errors begin.
import { endToEnd } from './index';

const counts = (process.env.BENCH_E2E_SWEEP ?? '1,5,10,20,40').split(',').map(Number);
const seconds = Number(process.env.BENCH_E2E_SECONDS) || 20;

console.log(
  '| connections | req/s | p50 ms | p99 ms | errors | non-2xx by code | timeouts | connection errors | server logged | load 1m |',
);
console.log('|---:|---:|---:|---:|---:|---|---:|---:|---|---:|');
for (const connections of counts) {
  const r = await endToEnd({ seconds, connections });
  console.log(
    `| ${connections} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.errors.total} | ${JSON.stringify(r.errors.byCode)} | ${r.errors.timeouts} | ${r.errors.connectionErrors} | ${JSON.stringify(r.server.problems)} | ${r.machine.loadavg1m} |`,
  );
  for (const sample of r.server.samples) console.error(`  server: ${sample}`);
}
