// The middleware chain of every route handler. A handler is `api('<handler name>', async (req) => result)`:
// the route table says whether it is signed and which rate-limit class it pays from.
import { authenticate } from '../auth/middleware';
import type { HandlerName } from '../routes';
import { routeFor } from '../routes';
import { type ApiRequest, type ApiResult, answer, foundationChain } from './foundation';

export * from './foundation';

export function api(name: HandlerName, fn: (req: ApiRequest) => Promise<ApiResult>) {
  const route = routeFor(name);
  const chain = foundationChain(route);
  if (route.auth) chain.use(authenticate(route));
  return chain.handler(answer(fn));
}
