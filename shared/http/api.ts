// A route handler with the signed-request middleware: `api('<handler name>', async (req) => result)`. The route
// table says whether the route is signed and which rate-limit class it pays from; see ./handler.ts.
import { authenticate } from '../auth/middleware';
import type { HandlerName } from '../routes';
import type { ApiRequest, ApiResult } from './foundation';
import { buildHandler } from './handler';

export * from './foundation';

export function api(name: HandlerName, fn: (req: ApiRequest) => Promise<ApiResult>) {
  return buildHandler(name, fn, { authenticate });
}
