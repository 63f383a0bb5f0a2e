// Apps as operators manage them: status, rate limits and price tolerance of any organisation's app.
import type { App } from '../apps/app';
import { DEFAULT_PRICE_TOLERANCE_PERCENT } from '../domain/price-tolerance';
import { limitFor } from '../ratelimit/limits';
import type { OpsApp } from './ops-schemas';

export function opsAppOf(app: Omit<App, 'secrets'>): OpsApp {
  return {
    appId: app.appId,
    name: app.name,
    status: app.status,
    ...(app.orgId ? { orgId: app.orgId } : {}),
    limits: { create: limitFor(app, 'create'), query: limitFor(app, 'query'), update: limitFor(app, 'update') },
    priceTolerancePercent: app.priceTolerancePercent ?? DEFAULT_PRICE_TOLERANCE_PERCENT,
    updatedAt: app.updatedAt,
  };
}
