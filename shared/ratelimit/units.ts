// How many units of its rate-limit class a request pays: one, or one per intent for a batch create (API
// reference: Rate limits, Routes). Read from the raw body before the handler parses it, because the count runs alongside the
// handler's reads; a body that is not a well-formed batch pays one unit and is refused by the handler's 400.
import type { Route } from '../routes';

export const MAX_BATCH_ITEMS = 50;

export function requestUnits(route: Pick<Route, 'rateUnits'>, rawBody: string): number {
  if (route.rateUnits !== 'items') return 1;
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return 1;
  }
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH_ITEMS) return 1;
  return items.length;
}
