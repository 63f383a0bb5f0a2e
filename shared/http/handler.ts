// The one way to build a route's Lambda handler from the route tables: the foundation chain, then the caller's
// check the route needs (a signature for partner routes, a bearer identity for console and operator routes), then
// the handler inside or outside the { code, message, data } envelope. Signed routes go through api() (./api.ts),
// console routes through consoleApi() and operator routes through operatorApi(), each handing in its `authenticate`;
// an unsigned route calls this directly, so its bundle carries no caller check it never runs.
import type { MiddlewareObj } from '@middy/core';
import type { ConsoleHandlerName, ConsoleRoute, OpsHandlerName, OpsRoute, Route } from '../routes';
import { type CATCH_ALL_HANDLER, consoleRoutes, type HandlerName, opsRoutes, routeFor } from '../routes';
import {
  type ApiRequest,
  type ApiResult,
  answer,
  foundationChain,
  type HttpEvent,
  type HttpResult,
  refuseQueryParameters,
} from './foundation';

export type RouteName = HandlerName | typeof CATCH_ALL_HANDLER | ConsoleHandlerName | OpsHandlerName;

export interface HandlerOptions {
  /** Who is calling: the signed-request middleware, or for a console or operator route the bearer identity; required
   * exactly when the route tables say the route has a caller to check. */
  // biome-ignore lint/suspicious/noExplicitAny: each kind of route extends the request (caller, operator) its own way
  authenticate?: (route: Route) => MiddlewareObj<HttpEvent, HttpResult, Error, any>;
  /** false: the handler returns the raw result (only the OpenAPI document answers outside the envelope). */
  envelope?: boolean;
  /** Turns errors the handler's own layer throws (console and operator refusals) into the contract's. */
  mapError?: (error: Error) => Error;
}

/** The foundation's view of a bearer route: never signed, never rate-limited per app; its query flag as declared. */
function bearerRoute(route: ConsoleRoute | OpsRoute): Route {
  return {
    method: route.method,
    path: route.path,
    handler: route.handler,
    rateLimit: null,
    auth: false,
    ...(route.query ? { query: route.query } : {}),
  };
}

/** The route a handler name stands for, and whether a caller check must be handed in. */
function routeOf(name: RouteName): { route: Route; checked: boolean } {
  const bearer = [...consoleRoutes, ...opsRoutes].find((r) => r.handler === name);
  if (bearer) return { route: bearerRoute(bearer), checked: true };
  const route = routeFor(name as HandlerName | typeof CATCH_ALL_HANDLER);
  return { route, checked: route.auth };
}

export function buildHandler<R extends ApiRequest = ApiRequest>(
  name: RouteName,
  fn: (req: R) => Promise<ApiResult>,
  options?: HandlerOptions & { envelope?: true },
): ReturnType<typeof build>;
export function buildHandler(
  name: RouteName,
  fn: (req: ApiRequest) => Promise<HttpResult>,
  options: HandlerOptions & { envelope: false },
): ReturnType<typeof build>;
export function buildHandler(name: RouteName, fn: (req: never) => Promise<unknown>, options: HandlerOptions = {}) {
  return build(name, fn as (req: ApiRequest) => Promise<unknown>, options);
}

function build(name: RouteName, fn: (req: ApiRequest) => Promise<unknown>, options: HandlerOptions) {
  const { route, checked } = routeOf(name);
  if (checked && !options.authenticate) throw new Error(`${name} has a caller to check: build it with its api()`);
  const chain = foundationChain(route);
  if (checked && options.authenticate) chain.use(options.authenticate(route));
  const { mapError } = options;
  const run = mapError
    ? async (req: ApiRequest) => {
        try {
          return await fn(req);
        } catch (error) {
          throw mapError(error as Error);
        }
      }
    : fn;
  return chain.handler(options.envelope === false ? bare(run) : answer(run as (req: ApiRequest) => Promise<ApiResult>));
}

/** A result outside the envelope; the foundation still adds the request id and answers errors in the envelope. */
function bare(fn: (req: ApiRequest) => Promise<unknown>) {
  return async (_event: unknown, context: { api: ApiRequest }) => {
    refuseQueryParameters(context.api);
    return (await fn(context.api)) as HttpResult;
  };
}
