// What the soak checks once its load stops: list totals converge on what was created, every created and not
// deleted intent is listed exactly once, and every submitted intent reached its final status within the local
// 15 s promise (API reference: Lifecycle).
import { type Call, pages } from './client';
import type { SoakState } from './operations';

/** Totals follow the stream (the listing counters' consumer): waits until the total equals what is live, and says
 * how long that took once writes stopped. */
export async function totalsConverge(call: Call, s: SoakState): Promise<void> {
  const stopped = Date.now();
  let converged = false;
  while (!converged && Date.now() - stopped < 10_000) {
    const a = await call('GET', '/api/v1/intents?pageSize=1');
    converged = a.status === 200 && a.json?.data.total === s.live.size;
    if (!converged) await new Promise((r) => setTimeout(r, 50));
  }
  console.log(`soak: list total matched after ${Date.now() - stopped} ms (${converged ? 'converged' : 'not in 10 s'})`);
}

/** Every created, not deleted intent is listed exactly once, nothing deleted is listed, and the total matches. */
export async function reconcile(call: Call, s: SoakState): Promise<void> {
  const listed: string[] = [];
  let total = -1;
  for await (const a of pages(call, '/api/v1/intents?pageSize=100')) {
    if (a.status !== 200) {
      s.violations.push(`reconcile list: ${a.status} ${a.json?.code}`);
      break;
    }
    total = a.json?.data.total;
    listed.push(...(a.json?.data.items ?? []).map((i: { intentId?: string; id?: string }) => i.intentId ?? i.id));
  }
  const listedSet = new Set(listed);
  const missing = [...s.live].filter((id) => !listedSet.has(id));
  const ghosts = listed.filter((id) => s.deleted.has(id));
  if (listedSet.size !== listed.length)
    s.violations.push(`reconcile: ${listed.length - listedSet.size} intents listed twice`);
  if (missing.length) s.violations.push(`reconcile: ${missing.length} created intents not listed, e.g. ${missing[0]}`);
  if (ghosts.length) s.violations.push(`reconcile: ${ghosts.length} deleted intents still listed`);
  if (total !== s.live.size || listed.length !== s.live.size)
    s.violations.push(`reconcile: total ${total}, listed ${listed.length}, created and not deleted ${s.live.size}`);
  console.log(
    `soak: reconciled ${s.live.size} live intents (${s.deleted.size} deleted): total ${total}, listed ${listed.length}`,
  );
}

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const SUBMITTED_ONES =
  '/api/v1/intents?pageSize=100&filter[status][in]=SUBMITTED,PROCESSING,COMPLETED,FAILED&fields=status,createdAt,updatedAt';

/** Seconds from creation to final status of every final submitted intent, and how many are not final yet. */
async function fulfilmentTimes(call: Call): Promise<{ seconds: number[]; pending: number }> {
  const seconds: number[] = [];
  let pending = 0;
  for await (const a of pages(call, SUBMITTED_ONES))
    for (const i of (a.json?.data.items ?? []) as { status: string; createdAt: string; updatedAt: string }[]) {
      if (FINAL.has(i.status)) seconds.push((Date.parse(i.updatedAt) - Date.parse(i.createdAt)) / 1000);
      else pending++;
    }
  return { seconds, pending };
}

/** The local promise: every submitted intent reaches its final status within 15 s, under this load. */
export async function fulfilledInTime(call: Call, s: SoakState): Promise<void> {
  const deadline = Date.now() + 30_000;
  let times = await fulfilmentTimes(call);
  while (times.pending && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    times = await fulfilmentTimes(call);
  }
  const seconds = times.seconds.sort((a, b) => a - b);
  const late = seconds.filter((t) => t > 15).length;
  console.log(
    `soak: fulfilment of ${seconds.length} submitted intents: p50 ${seconds[Math.floor(seconds.length / 2)] ?? 0} s, max ${seconds.at(-1) ?? 0} s, ${late} over 15 s, ${times.pending} not final`,
  );
  if (late || times.pending)
    s.violations.push(`fulfilment: ${late} intents over 15 s, ${times.pending} not final after 30 s`);
}
