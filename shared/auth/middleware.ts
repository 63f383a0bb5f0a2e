// The signed-request middleware (API reference: Authentication, Rate limits), right after the foundation and before any body
// parsing. Neither kind of request pays a sequential round trip for it:
// - Writes (POST/PUT/DELETE) start the replay guard and the rate-limit counter side by side and hand the handler
//   `req.admitted`, which the handler awaits after its reads and before any write, so a refused
//   write changes nothing. Whatever the handler did, a refused admission is the answer (401 before 429, as the
//   contract orders them), also when the handler failed or answered without writing.
// - Reads start the counter and hand the handler `req.admitted` too: a single-item read (detail) runs alongside it
//   and the answer becomes a 429 afterwards if the window was full; a read that costs more (a list page, an intent's
//   history) awaits it first, so a refused request costs nothing beyond the counter's own call.
import type { MiddlewareObj } from '@middy/core';
import { ApiError } from '../http/errors';
import type { ApiContext, ApiRequest, HttpEvent, HttpResult } from '../http/foundation';
import { type RateDecision, rateLimitHeaders, takeTokens } from '../ratelimit/counter';
import { limitFor } from '../ratelimit/limits';
import { requestUnits } from '../ratelimit/units';
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

/** A write's admission: the replay guard and the counter, run side by side; a replay outranks a full window. */
async function admit(
  req: ApiRequest,
  replayGuard: Promise<boolean>,
  counter: Promise<RateDecision> | undefined,
): Promise<void> {
  const [firstUse, decision] = await Promise.allSettled([replayGuard, counter ?? Promise.resolve(undefined)]);
  if (decision.status === 'fulfilled' && decision.value)
    Object.assign(req.responseHeaders, rateLimitHeaders(decision.value));
  if (firstUse.status === 'rejected') throw firstUse.reason;
  if (!firstUse.value) throw new ApiError('BAD_SIGNATURE', { reason: 'signature replayed' });
  if (decision.status === 'rejected') throw decision.reason;
  if (decision.value) apply(req, decision.value);
}

export function authenticate(route: Route): MiddlewareObj<HttpEvent, HttpResult, Error, ApiContext> {
  /** Awaits the request's admission after the handler, or in onError when it failed: a refusal is the answer. */
  const settle = async (req: ApiRequest | undefined) => {
    if (!req) return;
    await req.admitted;
  };

  return {
    before: async (request) => {
      const req = request.context.api;
      const { app, signature, timestampMs } = await verifySignedRequest(req);
      req.app = { appId: app.appId, ...(app.webhookUrl ? { webhookUrl: app.webhookUrl } : {}) };

      const counter = route.rateLimit
        ? takeTokens(app.appId, route.rateLimit, limitFor(app, route.rateLimit), requestUnits(route, req.rawBody))
        : undefined;
      if (!WRITES.has(route.method)) {
        if (counter) {
          const admission = counter.then((decision) => apply(req, decision));
          admission.catch(() => undefined); // awaited by the handler or in after/onError; this keeps it "handled"
          req.admitted = admission;
        }
        return;
      }
      const admission = admit(req, firstUseOfSignature(app.appId, signature, timestampMs), counter);
      admission.catch(() => undefined); // awaited by the write and in after/onError; this only keeps it "handled"
      req.admitted = admission;
    },
    after: async (request) => {
      await settle(request.context.api);
    },
    onError: async (request) => {
      // A failed handler still owes its admission or counter: a replay's 401 or a full window's 429 is the answer.
      try {
        await settle(request.context?.api);
      } catch (error) {
        request.error = error as Error;
      }
    },
  };
}
