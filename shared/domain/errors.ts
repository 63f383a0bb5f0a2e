// The domain's refusals, in the domain's words and without a status code or a public message: the store and the
// domain throw these, and shared/http/domain-errors.ts is the one place that turns each into the API's error.
// `reason` is what really happened: logged, never sent.

/** A rule of a field the domain checks (the rest are the request schemas'); the error table words each one. */
export type FieldRule = 'productUrlOfPlatform' | 'cursor' | 'filterTooBroad';

export interface FieldRefusal {
  field: string;
  rule: FieldRule;
  /** The number the rule is about (filterTooBroad: the most items a filtered read may scan). */
  limit?: number;
}

export abstract class DomainError extends Error {
  override readonly name: string = 'DomainError';
}

/** No such resource for this caller, or an id that cannot name one. */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(
    readonly resource: 'intent',
    reason: string,
  ) {
    super(reason);
  }
}

/** The resource exists but belongs to someone else. */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
}

/** The resource's current status (or version) does not allow the change, or it moved on while we worked. */
export class StatusConflictError extends DomainError {
  override readonly name = 'StatusConflictError';
}

/** A change that changes nothing (a PUT whose every operation was a no-op). */
export class NothingToChangeError extends DomainError {
  override readonly name = 'NothingToChangeError';
}

/** An idempotency key already answered a request with another body. */
export class IdempotencyConflictError extends DomainError {
  override readonly name = 'IdempotencyConflictError';
}

/** Input the schemas accepted but the domain or the store cannot: the fields and the rule each breaks. */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly refusals: FieldRefusal[],
    reason?: string,
  ) {
    super(reason ?? refusals.map((r) => `${r.field}: ${r.rule}`).join(', '));
  }
}
