// Warm overhead: each handler invoked in-process on a stubbed store that answers at once, so the time measured is
// the whole middleware stack (auth, rate limit, validation, envelope) plus the handler's own work.
import { invoke } from '../test/support/events';
import { ROUTES } from './requests';
import { median, round } from './stats';
import { stubStore } from './stubbed-store';

export interface WarmResult {
  calls: number;
  routes: Record<string, { status: number; medianUs: number; p90Us: number }>;
}

export async function warmOverhead(calls: number): Promise<WarmResult> {
  const routes: WarmResult['routes'] = {};
  for (const [route, { handler: name, event }] of Object.entries(ROUTES)) {
    stubStore();
    const { handler } = await import(`../functions/${name}`);
    // Events are signed up front so signing is not timed; the stubbed replay guard accepts repeats.
    const events = Array.from({ length: calls }, event);
    let status = 0;
    for (let n = 0; n < 200; n++) status = (await invoke(handler, events[n % calls]!)).status;
    const times: number[] = [];
    for (const e of events) {
      const t0 = process.hrtime.bigint();
      await invoke(handler, e);
      times.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    const sorted = [...times].sort((a, b) => a - b);
    routes[route] = {
      status,
      medianUs: round(median(times), 1),
      p90Us: round(sorted[Math.floor(sorted.length * 0.9)]!, 1),
    };
    process.stderr.write(`warm: ${route} ${routes[route]!.medianUs} us (status ${status})\n`);
  }
  return { calls, routes };
}
