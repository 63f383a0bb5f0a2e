// Which error codes each route can answer, grouped by HTTP status, all taken from the one error model.
import { ErrorCodes, type ErrorKind } from '../http/errors';
import type { HandlerName, Route } from '../routes';

/** Every route: internal failure and unavailable dependencies (413/414 are added by status below). */
const EVERY_ROUTE: ErrorKind[] = ['INTERNAL', 'UNAVAILABLE'];
/** Signed routes: the checks of API reference: Authentication, in order, then the rate limit. */
const SIGNED_ROUTE: ErrorKind[] = ['BAD_TIMESTAMP', 'UNKNOWN_APP', 'BAD_SIGNATURE', 'IP_NOT_ALLOWED', 'RATE_LIMITED'];

// Typed by handler name, so a new route does not typecheck until its errors are described.
const ROUTE_ERRORS: Record<HandlerName, ErrorKind[]> = {
  health: [],
  openapi: [],
  'intents-create': ['INVALID_PARAMETER', 'MISSING_PARAMETER', 'MALFORMED_JSON', 'IDEMPOTENCY_CONFLICT'],
  'intents-batch': ['INVALID_PARAMETER', 'MISSING_PARAMETER', 'MALFORMED_JSON', 'IDEMPOTENCY_CONFLICT'],
  'intents-list': ['INVALID_PARAMETER'],
  'intents-get': ['FORBIDDEN', 'NOT_FOUND'],
  'intents-update': [
    'INVALID_PARAMETER',
    'MISSING_PARAMETER',
    'MALFORMED_JSON',
    'FORBIDDEN',
    'NOT_FOUND',
    'STATUS_CONFLICT',
  ],
  'intents-delete': ['FORBIDDEN', 'NOT_FOUND', 'STATUS_CONFLICT'],
  'intents-events': ['FORBIDDEN', 'NOT_FOUND'],
};

export function errorKindsFor(route: Route): ErrorKind[] {
  const own = ROUTE_ERRORS[route.handler as HandlerName] ?? [];
  return [...new Set([...EVERY_ROUTE, ...(route.auth ? SIGNED_ROUTE : []), ...own])];
}

/** `{ status: [codes] }` for one route; 413 and 414 carry 40001 too (API reference: Request limits). */
export function errorCodesByStatus(route: Route): Map<number, number[]> {
  const byStatus = new Map<number, number[]>();
  const add = (status: number, code: number) => byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  for (const kind of errorKindsFor(route)) add(ErrorCodes[kind].status, ErrorCodes[kind].code);
  add(413, ErrorCodes.INVALID_PARAMETER.code);
  add(414, ErrorCodes.INVALID_PARAMETER.code);
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

export function errorMessage(code: number): string {
  return Object.values(ErrorCodes).find((e) => e.code === code)?.message ?? '';
}
