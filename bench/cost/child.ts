// Runs bench/cost/measure.ts in a process of its own and returns its Measurement (see that file for why).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Measurement } from './measure';

/** A measurement longer than this is stuck; the child is stopped (and stops its DynamoDB Local). */
const TIMEOUT_MS = 20 * 60_000;

export function measureInChild(): Promise<Measurement> {
  const script = fileURLToPath(new URL('./measure.ts', import.meta.url));
  const child = fork(script, [], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    execArgv: ['--import', 'tsx'],
    // Node 20 here, Lambda runs Node 22: the SDK's reminder would only add noise to the bench's output.
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let measurement: Measurement | undefined;
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.on('message', (message) => {
      measurement = message as Measurement;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (measurement && code === 0) resolve(measurement);
      else reject(new Error(`cost measurement failed (exit ${code ?? signal})`));
    });
  });
}
