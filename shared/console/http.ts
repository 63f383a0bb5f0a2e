// The middleware chain of every console route: the same foundation as the partner API (request id, limits, envelope,
// one error handler), then the caller: identity from the JWT authorizer's claims only, organisation and role from the
// membership stored in the table. `consoleApi('<handler>', fn)` builds a handler; the route table says who may call it.
import type { MiddlewareObj } from '@middy/core';
import { ApiError } from '../http/errors';
import type { ApiContext, ApiRequest, ApiResult, HttpEvent, HttpResult } from '../http/foundation';
import { buildHandler } from '../http/handler';
import { MESSAGES } from '../http/messages';
import { type ConsoleHandlerName, type ConsoleRole, type ConsoleRoute, consoleRouteFor } from '../routes';
import { type ConsoleError, toApiError } from './errors';
import { isOperatorClaims } from './groups';
import { membershipOf } from './organisations';

export interface Caller {
  sub: string;
  email: string;
  orgId: string;
  memberId: string;
  role: ConsoleRole;
  /** In the Cognito group `operators` (the operator pages; an operator without an organisation has orgId ''). */
  operator: boolean;
  /** The connection's address (never X-Forwarded-For): the audit log's and the whitelist hint's source IP. */
  sourceIp: string;
}

export interface ConsoleRequest extends ApiRequest {
  caller: Caller;
}

type ConsoleContext = ApiContext & { api: ConsoleRequest };

export const SIGNED_OUT = () =>
  new ApiError('BAD_SIGNATURE', { message: MESSAGES.signedOut, reason: 'no valid console identity' });

/** The token's subject: 401 (signed out) when the claims carry none. */
export function signedInSub(claims: Record<string, unknown> | undefined): string {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') throw SIGNED_OUT();
  return sub;
}

export function claimsOf(event: HttpEvent): Record<string, unknown> | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  return context.authorizer?.jwt?.claims;
}

const OPERATOR_WITHOUT_ORG = { orgId: '', memberId: '', role: 'viewer' } as const;
const sourceIpOf = (req: ApiRequest) => req.event.requestContext.http.sourceIp;
/** Cognito's access token carries no e-mail (the username is the e-mail here); the local provider's does. */
export const emailOf = (claims: Record<string, unknown> | undefined, sub: string): string =>
  ([claims?.email, claims?.username].find((v) => typeof v === 'string') as string | undefined) ?? sub;

function identify(route: ConsoleRoute): MiddlewareObj<HttpEvent, HttpResult, Error, ConsoleContext> {
  return {
    before: async (request) => {
      const req = request.context.api;
      const claims = claimsOf(req.event);
      const sub = signedInSub(claims);
      // A removed member has no membership any more: their still-valid token is refused from the next request on.
      const member = await membershipOf(sub);
      const operator = isOperatorClaims(claims);
      // An operator needs no organisation: `me` answers them (orgId '') so the web app shows the operator pages.
      if (!member && operator && route.handler === 'console-me') {
        req.caller = { ...OPERATOR_WITHOUT_ORG, sub, email: emailOf(claims, sub), operator, sourceIp: sourceIpOf(req) };
        return;
      }
      if (!member) throw SIGNED_OUT();
      req.caller = {
        sub,
        email: typeof claims?.email === 'string' ? claims.email : member.email,
        orgId: member.orgId,
        memberId: member.memberId,
        role: member.role,
        operator,
        sourceIp: sourceIpOf(req),
      };
      if (!route.roles.includes(member.role))
        throw new ApiError('FORBIDDEN', { message: MESSAGES.roleForbidden, reason: `role ${member.role}` });
    },
  };
}

/** Builds the Lambda handler of one console route. Store errors are mapped to the contract's codes here. */
export function consoleApi(name: ConsoleHandlerName, fn: (req: ConsoleRequest) => Promise<ApiResult>) {
  const route = consoleRouteFor(name);
  return buildHandler(name, fn, {
    authenticate: () => identify(route),
    mapError: (error) => toApiError(error as ConsoleError),
  });
}
