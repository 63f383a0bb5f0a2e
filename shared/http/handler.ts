// The one way to build a route's Lambda handler from the route table: the foundation chain, then (for a signed route)
// the auth middleware the caller hands in, then the handler inside or outside the { code, message, data } envelope.
// Signed routes go through api() (./api.ts), which hands in `authenticate`; an unsigned route calls this directly,
// so its bundle does not carry the signature, registry, rate-limit and KMS code it never runs.
import type { MiddlewareObj } from '@middy/core';
import type { Route } from '../routes';
import { type CATCH_ALL_HANDLER, type HandlerName, routeFor } from '../routes';
import {
  type ApiContext,
  type ApiRequest,
  type ApiResult,
  answer,
  foundationChain,
  type HttpEvent,
  type HttpResult,
  refuseQueryParameters,
} from './foundation';

export type RouteName = HandlerName | typeof CATCH_ALL_HANDLER;

export interface HandlerOptions {
  /** The signed-request middleware; required exactly when the route table says the route is signed. */
  authenticate?: (route: Route) => MiddlewareObj<HttpEvent, HttpResult, Error, ApiContext>;
  /** false: the handler returns the raw result (only the OpenAPI document answers outside the envelope). */
  envelope?: boolean;
}

export function buildHandler(
  name: RouteName,
  fn: (req: ApiRequest) => Promise<ApiResult>,
  options?: HandlerOptions & { envelope?: true },
): ReturnType<typeof build>;
export function buildHandler(
  name: RouteName,
  fn: (req: ApiRequest) => Promise<HttpResult>,
  options: HandlerOptions & { envelope: false },
): ReturnType<typeof build>;
export function buildHandler(name: RouteName, fn: (req: ApiRequest) => Promise<unknown>, options: HandlerOptions = {}) {
  return build(name, fn, options);
}

function build(name: RouteName, fn: (req: ApiRequest) => Promise<unknown>, options: HandlerOptions) {
  const route = routeFor(name);
  if (route.auth && !options.authenticate) throw new Error(`${name} is a signed route: build it with api()`);
  const chain = foundationChain(route);
  if (route.auth && options.authenticate) chain.use(options.authenticate(route));
  return chain.handler(options.envelope === false ? bare(fn) : answer(fn as (req: ApiRequest) => Promise<ApiResult>));
}

/** A result outside the envelope; the foundation still adds the request id and answers errors in the envelope. */
function bare(fn: (req: ApiRequest) => Promise<unknown>) {
  return async (_event: unknown, context: { api: ApiRequest }) => {
    refuseQueryParameters(context.api);
    return (await fn(context.api)) as HttpResult;
  };
}
