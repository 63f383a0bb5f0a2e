// The one place the domain's refusals (shared/domain/errors.ts) become the API's errors: code, status and public
// message from the error table. The foundation's error handler calls it for every route, the console's too.
import {
  DomainError,
  type FieldRefusal,
  ForbiddenError,
  IdempotencyConflictError,
  InvalidInputError,
  NotFoundError,
  NothingToChangeError,
  StatusConflictError,
} from '../domain/errors';
import { ApiError, validationError } from './errors';
import { FIELD_MESSAGES, MESSAGES } from './messages';

function fieldMessage(refusal: FieldRefusal): string {
  if (refusal.rule === 'filterTooBroad') return MESSAGES.filterTooBroad(refusal.limit ?? 0);
  return FIELD_MESSAGES[refusal.rule];
}

/** The ApiError a domain error answers as; anything else is returned as it is. */
export function fromDomainError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const reason = error.message;
  if (error instanceof NotFoundError) return new ApiError('NOT_FOUND', { message: MESSAGES.intentNotFound, reason });
  if (error instanceof ForbiddenError) return new ApiError('FORBIDDEN', { reason });
  if (error instanceof StatusConflictError) return new ApiError('STATUS_CONFLICT', { reason });
  if (error instanceof IdempotencyConflictError) return new ApiError('IDEMPOTENCY_CONFLICT', { reason });
  if (error instanceof NothingToChangeError) return new ApiError('INVALID_PARAMETER', { reason });
  if (error instanceof InvalidInputError)
    return validationError(
      error.refusals.map((r) => ({ field: r.field, message: fieldMessage(r) })),
      false,
    );
  return new ApiError('INTERNAL', { reason });
}
