// The one route table. The CDK stack, the local runtime, the catch-all (404/405) and the auth middleware
// all read it; adding an endpoint means one file in functions/ and one line here.

export type RateLimitClass = 'create' | 'query' | 'update';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route {
  method: HttpMethod;
  /** API Gateway route path; `{name}` marks a path parameter. */
  path: string;
  /** Module under functions/ exporting `handler`. */
  handler: string;
  /** Per-app rate-limit class (API reference: Rate limits); null means unlimited. */
  rateLimit: RateLimitClass | null;
  /** Signed requests only (API reference: Authentication). */
  auth: boolean;
  /** Takes query parameters (its handler parses and checks them); any other route refuses every one with 40001. */
  query?: true;
  /** `items`: the request pays one unit of its class per entry of its body's `items` list, not one per request. */
  rateUnits?: 'items';
}

export const API_PREFIX = '/api/v1';

export const routes = [
  { method: 'GET', path: '/api/v1/health', handler: 'health', rateLimit: null, auth: false },
  { method: 'GET', path: '/api/v1/openapi.json', handler: 'openapi', rateLimit: null, auth: false },
  { method: 'POST', path: '/api/v1/intents', handler: 'intents-create', rateLimit: 'create', auth: true },
  {
    method: 'POST',
    path: '/api/v1/intents/batch',
    handler: 'intents-batch',
    rateLimit: 'create',
    auth: true,
    rateUnits: 'items',
  },
  { method: 'GET', path: '/api/v1/intents', handler: 'intents-list', rateLimit: 'query', auth: true, query: true },
  { method: 'GET', path: '/api/v1/intents/{id}', handler: 'intents-get', rateLimit: 'query', auth: true },
  { method: 'PUT', path: '/api/v1/intents/{id}', handler: 'intents-update', rateLimit: 'update', auth: true },
  { method: 'DELETE', path: '/api/v1/intents/{id}', handler: 'intents-delete', rateLimit: 'update', auth: true },
  { method: 'GET', path: '/api/v1/intents/{id}/events', handler: 'intents-events', rateLimit: 'query', auth: true },
] as const satisfies readonly Route[];

export type HandlerName = (typeof routes)[number]['handler'];

/** Serves every method/path the table does not: 404 / 405 with `Allow`. */
export const CATCH_ALL_HANDLER = 'not-found';

/** API Gateway's $default route. Its answer never depends on the query, so a query does not turn a 404 into a 400. */
export const catchAllRoute: Route = {
  method: 'GET',
  path: '$default',
  handler: CATCH_ALL_HANDLER,
  rateLimit: null,
  auth: false,
  query: true,
};

export function routeFor(handler: HandlerName | typeof CATCH_ALL_HANDLER): Route {
  if (handler === CATCH_ALL_HANDLER) return catchAllRoute;
  const route = routes.find((r) => r.handler === handler);
  if (!route) throw new Error(`no route for handler ${handler}`);
  return route;
}

// Built on first use: the console list is declared further down this module.
let compiledRoutes: { route: AnyRoute; names: string[]; pattern: RegExp }[] | undefined;
const compile = () =>
  allRoutes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, names, pattern: new RegExp(`^${source}$`) };
  });

export interface RouteMatch {
  route: AnyRoute;
  pathParameters: Record<string, string>;
}

/** Finds the route for a method and path; `allowed` lists the methods the path has when the method is wrong. */
export function matchRoute(method: string, path: string): { match?: RouteMatch; allowed: HttpMethod[] } {
  const allowed: HttpMethod[] = [];
  compiledRoutes ??= compile();
  for (const { route, names, pattern } of compiledRoutes) {
    const m = pattern.exec(path);
    if (!m) continue;
    if (route.method === method.toUpperCase()) {
      const pathParameters = Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? '']));
      return { match: { route, pathParameters }, allowed: [] };
    }
    allowed.push(route.method);
  }
  return { allowed };
}

// The console API (issue 14): bearer-token routes under /console/api. API Gateway's JWT authorizer guards every one
// of them (and none of `routes`); the handler then authorises by the caller's membership and role.
export type ConsoleRole = 'owner' | 'developer' | 'viewer';

export const CONSOLE_API_PREFIX = '/console/api';

export interface ConsoleRoute {
  method: HttpMethod;
  path: string;
  handler: string;
  /** Roles that may call the route; viewers only ever read. */
  roles: readonly ConsoleRole[];
  /** Takes query parameters (as `Route.query`); every other console route refuses any with 40001. */
  query?: true;
}

const ANY: readonly ConsoleRole[] = ['owner', 'developer', 'viewer'];
const WRITERS: readonly ConsoleRole[] = ['owner', 'developer'];
const OWNERS: readonly ConsoleRole[] = ['owner'];

export const consoleRoutes = [
  { method: 'GET', path: '/console/api/me', handler: 'console-me', roles: ANY },
  { method: 'GET', path: '/console/api/apps', handler: 'console-apps-list', roles: ANY },
  { method: 'POST', path: '/console/api/apps', handler: 'console-apps-create', roles: WRITERS },
  { method: 'GET', path: '/console/api/apps/{appId}', handler: 'console-apps-get', roles: ANY },
  { method: 'PUT', path: '/console/api/apps/{appId}', handler: 'console-apps-update', roles: WRITERS },
  { method: 'POST', path: '/console/api/apps/{appId}/disable', handler: 'console-apps-disable', roles: WRITERS },
  { method: 'POST', path: '/console/api/apps/{appId}/enable', handler: 'console-apps-enable', roles: WRITERS },
  { method: 'POST', path: '/console/api/apps/{appId}/secrets', handler: 'console-secrets-rotate', roles: WRITERS },
  {
    method: 'DELETE',
    path: '/console/api/apps/{appId}/secrets/previous',
    handler: 'console-secrets-revoke',
    roles: WRITERS,
  },
  { method: 'POST', path: '/console/api/apps/{appId}/webhook-test', handler: 'console-webhook-test', roles: WRITERS },
  {
    method: 'GET',
    path: '/console/api/apps/{appId}/deliveries',
    handler: 'console-deliveries-list',
    roles: ANY,
    query: true,
  },
  {
    method: 'POST',
    path: '/console/api/apps/{appId}/deliveries/{deliveryId}/redeliver',
    handler: 'console-deliveries-redeliver',
    roles: WRITERS,
  },
  {
    method: 'GET',
    path: '/console/api/apps/{appId}/intents',
    handler: 'console-intents-list',
    roles: ANY,
    query: true,
  },
  { method: 'GET', path: '/console/api/apps/{appId}/intents/{intentId}', handler: 'console-intents-get', roles: ANY },
  {
    method: 'GET',
    path: '/console/api/apps/{appId}/intents/{intentId}/events',
    handler: 'console-intents-events',
    roles: ANY,
  },
  { method: 'GET', path: '/console/api/team', handler: 'console-team-list', roles: ANY },
  { method: 'POST', path: '/console/api/team', handler: 'console-team-invite', roles: OWNERS },
  { method: 'DELETE', path: '/console/api/team/{memberId}', handler: 'console-team-remove', roles: OWNERS },
  { method: 'GET', path: '/console/api/audit', handler: 'console-audit-list', roles: OWNERS, query: true },
] as const satisfies readonly ConsoleRoute[];

export type ConsoleHandlerName = (typeof consoleRoutes)[number]['handler'];

export function consoleRouteFor(handler: ConsoleHandlerName): ConsoleRoute {
  const route = consoleRoutes.find((r) => r.handler === handler);
  if (!route) throw new Error(`no console route for handler ${handler}`);
  return route;
}

// The operator console (issue 15): bearer-token routes under /console/api/ops, behind the same JWT authorizer. Only
// members of the Cognito group `operators` may call them (403 for everyone else); operators need no organisation.
export const OPS_API_PREFIX = '/console/api/ops';

export interface OpsRoute {
  method: HttpMethod;
  path: string;
  handler: string;
  query?: true;
}

export const opsRoutes = [
  { method: 'GET', path: '/console/api/ops/queue', handler: 'console-ops-queue', query: true },
  { method: 'GET', path: '/console/api/ops/intents/{intentId}', handler: 'console-ops-intent-get' },
  { method: 'POST', path: '/console/api/ops/intents/{intentId}/claim', handler: 'console-ops-claim' },
  { method: 'DELETE', path: '/console/api/ops/intents/{intentId}/claim', handler: 'console-ops-release' },
  { method: 'POST', path: '/console/api/ops/intents/{intentId}/complete', handler: 'console-ops-complete' },
  { method: 'POST', path: '/console/api/ops/intents/{intentId}/fail', handler: 'console-ops-fail' },
  { method: 'POST', path: '/console/api/ops/intents/{intentId}/tracking', handler: 'console-ops-tracking' },
  { method: 'POST', path: '/console/api/ops/intents/{intentId}/retry', handler: 'console-ops-retry' },
  { method: 'GET', path: '/console/api/ops/stuck', handler: 'console-ops-stuck', query: true },
  {
    method: 'GET',
    path: '/console/api/ops/organisations/{orgId}/audit',
    handler: 'console-ops-org-audit',
    query: true,
  },
  { method: 'POST', path: '/console/api/ops/organisations', handler: 'console-ops-org-create' },
  { method: 'GET', path: '/console/api/ops/apps', handler: 'console-ops-apps-list' },
  { method: 'PUT', path: '/console/api/ops/apps/{appId}', handler: 'console-ops-apps-update' },
  { method: 'GET', path: '/console/api/ops/dead-letters', handler: 'console-ops-dead-letters' },
  { method: 'POST', path: '/console/api/ops/apps/{appId}/dead-letters/redrive', handler: 'console-ops-redrive' },
] as const satisfies readonly OpsRoute[];

export type OpsHandlerName = (typeof opsRoutes)[number]['handler'];

export function opsRouteFor(handler: OpsHandlerName): OpsRoute {
  const route = opsRoutes.find((r) => r.handler === handler);
  if (!route) throw new Error(`no operator route for handler ${handler}`);
  return route;
}

/** Every route behind the JWT authorizer: the partner console's and the operators'. */
export const bearerRoutes: readonly (ConsoleRoute | OpsRoute)[] = [...consoleRoutes, ...opsRoutes];

export type AnyRoute = Route | ConsoleRoute | OpsRoute;

/** Every route API Gateway has, partner and console; the local runtime and the catch-all match against these. */
export const allRoutes: readonly AnyRoute[] = [...routes, ...bearerRoutes];
