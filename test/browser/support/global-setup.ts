// Starts `npm start` (bin/start.ts) once for the whole run, on free ports with a temporary DATA_DIR, with the same
// helper the end-to-end bench uses; the tests find it through CONSOLE_BASE_URL. The returned function stops it.
import { startRuntime } from '../../../bench/e2e/runtime';

/** DynamoDB Local's 30 s start-up limit can pass on a loaded machine; a second try is cheaper than a red run. */
async function startWithRetry() {
  try {
    return await startRuntime();
  } catch (error) {
    console.error(`local runtime did not start, trying once more: ${(error as Error).message.split('\n')[0]}`);
    return startRuntime();
  }
}

export default async function globalSetup() {
  // PDD orders are placed by people (the manual adapter), so the operator console has a queue to work on.
  process.env.FULFILMENT_ADAPTERS ??= 'PDD=manual';
  const runtime = await startWithRetry();
  process.env.CONSOLE_BASE_URL = runtime.url;
  // The operator test writes a dead-lettered delivery straight into the runtime's table (retries take 24 hours).
  process.env.BROWSER_DYNAMODB_ENDPOINT = `http://127.0.0.1:${runtime.dynamoDbPort}`;
  // The console build may still be running (a fresh clone builds it at start); wait for the page to exist.
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await fetch(`${runtime.url}/console/`).catch(() => undefined);
    if (res?.ok) break;
    if (Date.now() > deadline) throw new Error(`the console was not served at ${runtime.url}/console/`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return async () => {
    // The runtime's own WARN/ERROR lines explain a failed browser step better than a timeout does.
    if (runtime.log.samples.length) console.error(`local runtime problems:\n${runtime.log.samples.join('\n')}`);
    await runtime.stop();
  };
}
