// Typed errors: every failed call rejects with a ProcureError carrying the API's business code.

/** The API's business codes (API reference: Errors), for `error.code === ErrorCode.STATUS_CONFLICT` style checks. */
export const ErrorCode = {
  INVALID_PARAMETER: 40001,
  MISSING_PARAMETER: 40002,
  MALFORMED_JSON: 40003,
  BAD_SIGNATURE: 40101,
  BAD_TIMESTAMP: 40102,
  UNKNOWN_APP: 40103,
  IP_NOT_ALLOWED: 40301,
  FORBIDDEN: 40302,
  NOT_FOUND: 40401,
  IDEMPOTENCY_CONFLICT: 40901,
  STATUS_CONFLICT: 40902,
  RATE_LIMITED: 42901,
  INTERNAL: 50001,
  UNAVAILABLE: 50301,
} as const;

export interface ProcureErrorOptions {
  code: number;
  status: number;
  message: string;
  requestId?: string;
  data?: unknown;
  retryAfterMs?: number;
  cause?: unknown;
}

/** The API answered with a non-zero `code` (or no usable answer came back at all: see the subclasses). */
export class ProcureError extends Error {
  /** Business code from the envelope (40001, 40902, ...); 0 when the server sent no envelope. */
  readonly code: number;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** `X-Request-Id` of the failed attempt: quote it to support. */
  readonly requestId: string | undefined;
  /** The envelope's `data`, e.g. `{ errors: [{ field, message }], field, reason }` for validation failures. */
  readonly data: unknown;
  /** Server-advised wait from `Retry-After`, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(options: ProcureErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProcureError';
    this.code = options.code;
    this.status = options.status;
    this.requestId = options.requestId;
    this.data = options.data ?? null;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The request never got an answer: connection refused, reset, DNS failure. */
export class ProcureConnectionError extends ProcureError {
  constructor(message: string, cause?: unknown) {
    super({ code: 0, status: 0, message, cause });
    this.name = 'ProcureConnectionError';
  }
}

/** A request attempt or `waitForCompletion` ran out of time. */
export class ProcureTimeoutError extends ProcureConnectionError {
  constructor(message: string, cause?: unknown) {
    super(message, cause);
    this.name = 'ProcureTimeoutError';
  }
}
