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
  /** Per-app rate-limit class (CONTRACT section 3); null means unlimited. */
  rateLimit: RateLimitClass | null;
  /** Signed requests only (CONTRACT section 2). */
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

export function routeFor(handler: HandlerName): Route {
  const route = routes.find((r) => r.handler === handler);
  if (!route) throw new Error(`no route for handler ${handler}`);
  return route;
}

const compiled = routes.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, names, pattern: new RegExp(`^${source}$`) };
});

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

/** Finds the route for a method and path; `allowed` lists the methods the path has when the method is wrong. */
export function matchRoute(method: string, path: string): { match?: RouteMatch; allowed: HttpMethod[] } {
  const allowed: HttpMethod[] = [];
  for (const { route, names, pattern } of compiled) {
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
