// Warm overhead: each handler invoked in-process on a stubbed store that answers at once, so the time measured is
// the whole middleware stack (auth, rate limit, validation, envelope) plus the handler's own work.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { invoke, lambdaContext } from '../../test/support/events';
import { median, round } from '../stats';
import { ROUTES } from './requests';
import { stubStore } from './stubbed-store';

export interface WarmResult {
  calls: number;
  routes: Record<string, { status: number; medianUs: number; p90Us: number }>;
}

type Handler = (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

export async function warmOverhead(calls: number): Promise<WarmResult> {
  const routes: WarmResult['routes'] = {};
  for (const [route, { handler: name, event }] of Object.entries(ROUTES)) {
    stubStore();
    const { handler } = (await import(`../../functions/${name}`)) as { handler: Handler };
    // Events are signed up front so signing is not timed; the stubbed replay guard accepts repeats.
    const events = Array.from({ length: calls }, event);
    let status = 0;
    for (let n = 0; n < 200; n++) status = (await invoke(handler, events[n % calls]!)).status;
    const times: number[] = [];
    for (const e of events) {
      // Only the handler is timed, as the Lambda runtime would call it: not building the context, and not the
      // test helper's JSON.parse of the answer, which is the client's work.
      const context = { ...lambdaContext };
      const t0 = process.hrtime.bigint();
      const answer = await handler(e, context);
      times.push(Number(process.hrtime.bigint() - t0) / 1000);
      // A failing call (a stub that did not answer, say) would be timed as a cheap error path: refuse it.
      if (answer.statusCode !== status) throw new Error(`${route} answered ${answer.statusCode}, not ${status}`);
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
