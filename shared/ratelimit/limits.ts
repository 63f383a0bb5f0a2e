// Per-second limits per app and class (API reference: Rate limits); an app's overrides win over the defaults.
import type { App } from '../apps/app';
import type { RateLimitClass } from '../routes';

export const DEFAULT_LIMITS: Record<RateLimitClass, number> = { create: 10, query: 100, update: 20 };

export function limitFor(app: Pick<App, 'limits'>, rateClass: RateLimitClass): number {
  return app.limits[rateClass] ?? DEFAULT_LIMITS[rateClass];
}
