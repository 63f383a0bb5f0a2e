// What each HTTP function may do to the table: the least privilege its route needs.
import type { Route } from '../shared/routes';

/**
 * - none: no table access (health, the catch-all).
 * - read: reads only (the webhook dispatcher and sender, the watchdog).
 * - read-and-count: signed reads. They also bump the per-app rate-limit counter, and only that item family
 *   (partition keys starting with RATE#, see shared/ratelimit/counter.ts) may be updated.
 * - read-write: signed writes (intents, replay guards, idempotency records, counters).
 */
export type TableAccess = 'none' | 'read' | 'read-and-count' | 'read-write';

export const RATE_LIMIT_KEY_PREFIX = 'RATE#';

export function tableAccess(route: Pick<Route, 'method' | 'auth' | 'rateLimit'>): TableAccess {
  if (!route.auth && route.rateLimit === null) return 'none';
  return route.method === 'GET' ? 'read-and-count' : 'read-write';
}
