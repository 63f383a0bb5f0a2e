// Parsing and auditing helpers the console handlers share, so each handler stays its route's sentence.
import type * as z from 'zod/mini';
import { validationError } from '../http/errors';
import { type ApiRequest, jsonObjectBody } from '../http/foundation';
import { MESSAGES } from '../http/messages';
import { validate } from '../schemas/validate';
import type { AuditAction, AuditInput } from './audit';
import type { ConsoleRequest } from './http';

/** The JSON body through a strict schema: 40003 malformed, 40002 missing, 40001 invalid or unknown fields. */
export function parseBody<S extends z.ZodMiniType>(req: ApiRequest, schema: S, required: readonly string[] = []) {
  return validate(schema, jsonObjectBody(req), required);
}

/** The query string through a strict schema; a repeated parameter is refused rather than guessed at. */
export function parseQuery<S extends z.ZodMiniType>(req: ApiRequest, schema: S): z.output<S> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(req.event.rawQueryString ?? '')) {
    if (Object.hasOwn(query, name))
      throw validationError([{ field: name, message: MESSAGES.repeatedParameter }], false);
    query[name] = value;
  }
  return validate(schema, query);
}

/** The audit entry of the caller's action. */
export function auditOf(
  req: ConsoleRequest,
  action: AuditAction,
  appId?: string,
  detail?: Record<string, unknown>,
): AuditInput {
  const { orgId, sub, email, sourceIp } = req.caller;
  return {
    orgId,
    actor: { sub, email },
    action,
    ...(appId ? { appId } : {}),
    sourceIp,
    ...(detail ? { detail } : {}),
  };
}
