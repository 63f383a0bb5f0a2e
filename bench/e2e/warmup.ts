// Before the measured window: an app with limits far above the load, the intents the reads and edits use, and one
// call of every kind so each handler is loaded (the local runtime imports a handler on its first request).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { type Credentials, intentBody, LIST_QUERIES, type PartnerRequest, type Pools, signedHeaders } from './workload';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const TABLE = 'procure-core-local';
/** Per second, per class: the CLI's maximum (API reference defaults: create 10, query 100, update 20), far above the load. */
const RAISED_LIMIT = 100_000;

/** `npm run apps -- create` against the runtime's DynamoDB Local: the way an operator raises an app's limits. */
export function createBenchApp(dynamoDbPort: number, name = 'bench-e2e'): Promise<Credentials> {
  const args = ['bin/apps.ts', 'create', '--name', name];
  for (const rateClass of ['create', 'query', 'update']) args.push('--limit', `${rateClass}=${RAISED_LIMIT}`);
  args.push('--endpoint', `http://127.0.0.1:${dynamoDbPort}`, '--table', TABLE);
  return new Promise((resolve, reject) =>
    execFile(TSX, args, { timeout: 60_000 }, (error, stdout) => {
      if (error) return reject(error);
      const { appId, appSecret } = JSON.parse(stdout) as Credentials;
      resolve({ appId, appSecret });
    }),
  );
}

async function send(url: string, creds: Credentials, method: PartnerRequest['method'], path: string, body = '') {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: signedHeaders(creds, method, path, body, Date.now()),
    body: body || undefined,
  });
  const text = await res.text();
  // The warm-up must be clean: a refusal here means the workload itself is wrong, not the server slow.
  if (res.status >= 300)
    throw new Error(`warm-up ${method} ${path.split('?')[0]}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as { data: { id: string } };
}

export interface WarmUp extends Pools {
  /** Intents created; the measured creates number theirs from here, so every body stays unique. */
  created: number;
}

export async function warmUp(url: string, creds: Credentials, intents: number, drafts: number): Promise<WarmUp> {
  const pools: Pools = { intentIds: [], draftIds: [] };
  const total = intents + drafts;
  let next = 0;
  // Four at a time: quick, and gentle on the counter items every create of one app updates.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < total) {
        const n = next++;
        const status = n < drafts ? 'DRAFT' : 'SUBMITTED';
        const { data } = await send(url, creds, 'POST', '/api/v1/intents', intentBody(n, status));
        pools.intentIds.push(data.id);
        if (status === 'DRAFT') pools.draftIds.push(data.id);
      }
    }),
  );
  for (const query of LIST_QUERIES) await send(url, creds, 'GET', `/api/v1/intents?${query}`);
  await send(url, creds, 'GET', `/api/v1/intents/${pools.intentIds[0]}`);
  await send(url, creds, 'PUT', `/api/v1/intents/${pools.draftIds[0]}`, '{"remarks":"bench warm-up"}');
  return { ...pools, created: total };
}
