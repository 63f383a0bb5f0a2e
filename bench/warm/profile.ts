// Runs one route of the warm bench in a loop, to be profiled:
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/warm/profile.ts create [calls]
// then open the largest .cpuprofile in Chrome DevTools (or speedscope). Prints the mean microseconds per call.
import { invoke } from '../../test/support/events';
import { ROUTES } from './requests';
import { stubStore } from './stubbed-store';

async function main() {
  // Set before the first call, as bench/index.ts does.
  Object.assign(process.env, { TABLE_NAME: 'procure-core-bench', AWS_REGION: 'us-east-1', LOG_LEVEL: 'SILENT' });

  const route = process.argv[2] ?? 'create';
  const calls = Number(process.argv[3] ?? 5000);
  const chosen = ROUTES[route];
  if (!chosen) throw new Error(`unknown route ${route}: one of ${Object.keys(ROUTES).join(', ')}`);
  stubStore();
  const { handler } = await import(`../../functions/${chosen.handler}`);
  const events = Array.from({ length: calls }, chosen.event);
  for (const e of events.slice(0, 300)) await invoke(handler, e);
  const t0 = performance.now();
  let status = 0;
  for (const e of events) status = (await invoke(handler, e)).status;
  console.log(`${route}: ${(((performance.now() - t0) / calls) * 1000).toFixed(0)} us/call (status ${status})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
