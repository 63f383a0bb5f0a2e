// The middleware chain of every operator route: the console's foundation (request id, limits, envelope, one error
// handler), then the caller: a signed-in identity (401 otherwise) in the Cognito group `operators` (403 for every
// other user, partners included). Operators see all organisations, so no membership is read.
import type { MiddlewareObj } from '@middy/core';
import { ApiError } from '../http/errors';
import type { ApiContext, ApiRequest, ApiResult, HttpEvent, HttpResult } from '../http/foundation';
import { buildHandler } from '../http/handler';
import { MESSAGES } from '../http/messages';
import type { OpsHandlerName } from '../routes';
import { isOperatorClaims } from './groups';
import { claimsOf, emailOf, signedInSub } from './http';
import { toOpsApiError } from './ops-errors';

export interface Operator {
  sub: string;
  /** For the audit log and the claim's "taken by" (Cognito's access token carries no e-mail: the username then). */
  email: string;
  sourceIp: string;
}

export interface OpsRequest extends ApiRequest {
  operator: Operator;
}

type OpsContext = ApiContext & { api: OpsRequest };

function identifyOperator(): MiddlewareObj<HttpEvent, HttpResult, Error, OpsContext> {
  return {
    before: async (request) => {
      const req = request.context.api;
      const claims = claimsOf(req.event);
      const sub = signedInSub(claims);
      if (!isOperatorClaims(claims))
        throw new ApiError('FORBIDDEN', { message: MESSAGES.operatorsOnly, reason: 'not in group operators' });
      req.operator = { sub, email: emailOf(claims, sub), sourceIp: req.event.requestContext.http.sourceIp };
    },
  };
}

/** Builds the Lambda handler of one operator route. Store and outcome errors are mapped to the contract's codes. */
export function operatorApi(name: OpsHandlerName, fn: (req: OpsRequest) => Promise<ApiResult>) {
  return buildHandler(name, fn, { authenticate: identifyOperator, mapError: toOpsApiError });
}
