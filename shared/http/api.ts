// The one way to build a route's Lambda handler: `api('<handler name>', async (req) => result)`. The route table
// says whether the route is signed (the auth middleware joins the chain) and which rate-limit class it pays from;
// `{ envelope: false }` is for the one route that answers outside the { code, message, data } envelope.
import { authenticate } from '../auth/middleware';
import { type CATCH_ALL_HANDLER, type HandlerName, routeFor } from '../routes';
import {
  type ApiRequest,
  type ApiResult,
  answer,
  foundationChain,
  type HttpResult,
  refuseQueryParameters,
} from './foundation';

export * from './foundation';

type Name = HandlerName | typeof CATCH_ALL_HANDLER;

export function api(name: Name, fn: (req: ApiRequest) => Promise<ApiResult>): ReturnType<typeof build>;
export function api(
  name: Name,
  fn: (req: ApiRequest) => Promise<HttpResult>,
  options: { envelope: false },
): ReturnType<typeof build>;
export function api(
  name: Name,
  fn: (req: ApiRequest) => Promise<ApiResult | HttpResult>,
  options: { envelope?: boolean } = {},
) {
  return build(name, fn, options.envelope ?? true);
}

function build(name: Name, fn: (req: ApiRequest) => Promise<unknown>, envelope: boolean) {
  const route = routeFor(name);
  const chain = foundationChain(route);
  if (route.auth) chain.use(authenticate(route));
  return chain.handler(envelope ? answer(fn as (req: ApiRequest) => Promise<ApiResult>) : bare(fn));
}

/** A result outside the envelope; the foundation still adds the request id and answers errors in the envelope. */
function bare(fn: (req: ApiRequest) => Promise<unknown>) {
  return async (_event: unknown, context: { api: ApiRequest }) => {
    refuseQueryParameters(context.api);
    return (await fn(context.api)) as HttpResult;
  };
}
