// The batch create on the local runtime (issue 20): N intents created through the TypeScript SDK one request
// each (`create`, one in flight) and then in batches of 50 (`createMany`, one in flight), both signed over HTTP
// against `npm start`. Drafts, so the sandbox fulfilment does not load the machine during the second phase.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type CreateIntentInput, ProcureClient } from '@procure-core/sdk';
import { intentInput } from '../../test/support/intents';
import { startRuntime } from '../e2e/runtime';
import { round } from '../stats';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

export interface RuntimePhase {
  requests: number;
  seconds: number;
  intentsPerSecond: number;
  listedTotal: number;
}

export interface BatchRuntime {
  intents: number;
  oneByOne: RuntimePhase;
  batchesOf50: RuntimePhase;
  speedup: number;
}

export async function batchOnRuntime(intents: number): Promise<BatchRuntime> {
  const runtime = await startRuntime();
  try {
    // Limits raised so neither phase meets a 429: this measures the work, not the admission.
    const { stdout } = await run(
      TSX,
      ['bin/apps.ts', 'create', '--name', 'bench-batch', '--limit', 'create=100000', '--limit', 'query=100000'],
      {
        env: {
          ...process.env,
          DYNAMODB_PORT: String(runtime.dynamoDbPort),
          DYNAMODB_ENDPOINT: '',
          TABLE_NAME: '',
        },
      },
    );
    const app = JSON.parse(stdout) as { appId: string; appSecret: string };
    const client = new ProcureClient({ ...app, baseURL: runtime.url });
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const counted = new ProcureClient({ ...app, baseURL: runtime.url, fetch: counting });
    const inputs = (userId: string): CreateIntentInput[] =>
      Array.from({ length: intents }, () => ({ ...intentInput, userId, status: 'DRAFT' }));
    // Warm-up: both handlers loaded and their clients connected before either phase is timed.
    await client.intents.create({ ...intentInput, userId: 'warm', status: 'DRAFT' });
    await client.intents.createMany([{ ...intentInput, userId: 'warm', status: 'DRAFT' }]);

    const phase = async (userId: string, work: (all: CreateIntentInput[]) => Promise<unknown>) => {
      requests = 0;
      const started = performance.now();
      await work(inputs(userId));
      const seconds = (performance.now() - started) / 1000;
      const listedTotal = (await client.intents.list({ userId, pageSize: 1 })).total;
      return {
        requests,
        seconds: round(seconds, 1),
        intentsPerSecond: round(intents / seconds, 1),
        listedTotal,
      };
    };
    const oneByOne = await phase('bench_single', async (all) => {
      for (const input of all) await counted.intents.create(input);
    });
    const batchesOf50 = await phase('bench_batch', (all) => counted.intents.createMany(all));
    return { intents, oneByOne, batchesOf50, speedup: round(oneByOne.seconds / batchesOf50.seconds, 1) };
  } finally {
    await runtime.stop();
  }
}
