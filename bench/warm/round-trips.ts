// Round trips: on a warm instance (app registry cached by a first request), every stubbed DynamoDB call answers
// after DELAY_MS, so a request's wall time divided by DELAY_MS counts its sequential calls; calls running side by
// side add no time.
import { invoke } from '../../test/support/events';
import { OTHER_ROUTES, ROUTES } from './requests';
import { delayEveryCall, stubStore } from './stubbed-store';

const DELAY_MS = 25;

export type RoundTripResult = Record<string, { status: number; calls: number; sequential: number; wallMs: number }>;

export async function roundTrips(): Promise<RoundTripResult> {
  const result: RoundTripResult = {};
  for (const [route, { handler: name, event }] of Object.entries({ ...ROUTES, ...OTHER_ROUTES })) {
    stubStore();
    const { handler } = await import(`../../functions/${name}`);
    await invoke(handler, event());
    const delayed = delayEveryCall(DELAY_MS);
    try {
      const t0 = performance.now();
      const { status } = await invoke(handler, event());
      const wallMs = performance.now() - t0;
      result[route] = {
        status,
        calls: delayed.calls(),
        sequential: Math.round(wallMs / DELAY_MS),
        wallMs: Number(wallMs.toFixed(1)),
      };
    } finally {
      delayed.restore();
    }
  }
  return result;
}
