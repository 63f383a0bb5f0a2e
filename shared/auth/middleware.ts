// The signed-request middleware (CONTRACT sections 2 and 3), right after the foundation and before any body
// parsing. Writes (POST/PUT/DELETE) wait for the replay guard and the rate-limit counter, run in parallel, before
// the handler, so a refused write changes nothing. Reads start the counter and let the handler run alongside it;
// the answer becomes a 429 afterwards if the window was full, so a read pays no extra sequential round trip.
import type { MiddlewareObj } from '@middy/core';
import type { ApiContext, ApiRequest, HttpEvent, HttpResult } from '../http/api';
import { ApiError } from '../http/errors';
import { type RateDecision, rateLimitHeaders, takeToken } from '../ratelimit/counter';
import { limitFor } from '../ratelimit/limits';
import type { Route } from '../routes';
import { firstUseOfSignature } from './replay';
import { verifySignedRequest } from './verify';

const WRITES = new Set(['POST', 'PUT', 'DELETE']);

function rateLimited(decision: RateDecision): ApiError {
  return new ApiError('RATE_LIMITED', {
    headers: { 'retry-after': String(decision.retryAfter) },
    reason: `over ${decision.limit}/s`,
  });
}

/** Records the rate-limit headers every authenticated response carries; throws 42901 when over the limit. */
function apply(req: ApiRequest, decision: RateDecision): void {
  Object.assign(req.responseHeaders, rateLimitHeaders(decision));
  if (!decision.allowed) throw rateLimited(decision);
}

export function authenticate(route: Route): MiddlewareObj<HttpEvent, HttpResult, Error, ApiContext> {
  const pendingCounters = new WeakMap<ApiRequest, Promise<RateDecision>>();

  /** Awaits a read's counter once: after the handler, or in onError when the handler failed. */
  const settleRead = async (req: ApiRequest | undefined) => {
    const pending = req && pendingCounters.get(req);
    if (!req || !pending) return;
    pendingCounters.delete(req);
    apply(req, await pending);
  };

  return {
    before: async (request) => {
      const req = request.context.api;
      const { app, signature, timestampMs } = await verifySignedRequest(req);
      req.app = { appId: app.appId, ...(app.webhookUrl ? { webhookUrl: app.webhookUrl } : {}) };

      const counter = route.rateLimit
        ? takeToken(app.appId, route.rateLimit, limitFor(app, route.rateLimit))
        : undefined;
      if (!WRITES.has(route.method)) {
        if (counter) {
          counter.catch(() => undefined); // awaited in after/onError; this only keeps it from being "unhandled"
          pendingCounters.set(req, counter);
        }
        return;
      }
      const [firstUse, decision] = await Promise.allSettled([
        firstUseOfSignature(app.appId, signature, timestampMs),
        counter ?? Promise.resolve(undefined),
      ]);
      if (decision.status === 'fulfilled' && decision.value)
        Object.assign(req.responseHeaders, rateLimitHeaders(decision.value));
      if (firstUse.status === 'rejected') throw firstUse.reason;
      if (!firstUse.value) throw new ApiError('BAD_SIGNATURE', { reason: 'signature replayed' });
      if (decision.status === 'rejected') throw decision.reason;
      if (decision.value) apply(req, decision.value);
    },
    after: async (request) => {
      await settleRead(request.context.api);
    },
    onError: async (request) => {
      // A read whose handler failed still owes its counter: over the limit, the answer is the 429.
      try {
        await settleRead(request.context?.api);
      } catch (error) {
        request.error = error as Error;
      }
    },
  };
}
