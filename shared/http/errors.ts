// The one error model: a business code, its HTTP status and a public (Chinese) message, the code's default here and
// every more precise one in ./messages.ts. Anything thrown that is not an ApiError becomes 50001 or 50301 in the
// error handler and never shows its internals.
import { MESSAGES } from './messages';

export const ErrorCodes = {
  INVALID_PARAMETER: { code: 40001, status: 400, message: '请求参数错误' },
  MISSING_PARAMETER: { code: 40002, status: 400, message: '必填参数缺失' },
  MALFORMED_JSON: { code: 40003, status: 400, message: '参数格式错误' },
  BAD_SIGNATURE: { code: 40101, status: 401, message: '签名验证失败' },
  BAD_TIMESTAMP: { code: 40102, status: 401, message: '时间戳无效或已过期' },
  UNKNOWN_APP: { code: 40103, status: 401, message: 'App ID 不存在' },
  IP_NOT_ALLOWED: { code: 40301, status: 403, message: 'IP 不在白名单' },
  FORBIDDEN: { code: 40302, status: 403, message: '无权访问该资源' },
  NOT_FOUND: { code: 40401, status: 404, message: '资源不存在' },
  IDEMPOTENCY_CONFLICT: { code: 40901, status: 409, message: '幂等键已用于不同的请求' },
  STATUS_CONFLICT: { code: 40902, status: 409, message: '当前状态不允许该操作' },
  RATE_LIMITED: { code: 42901, status: 429, message: '请求频率超限' },
  INTERNAL: { code: 50001, status: 500, message: '服务器内部错误' },
  UNAVAILABLE: { code: 50301, status: 503, message: '服务暂时不可用' },
} as const;

export type ErrorKind = keyof typeof ErrorCodes;

export class ApiError extends Error {
  readonly code: number;
  readonly status: number;
  readonly publicMessage: string;
  readonly data: unknown;
  readonly headers: Record<string, string>;

  /**
   * @param reason what really went wrong; logged, never sent.
   */
  constructor(
    kind: ErrorKind,
    options: {
      message?: string;
      data?: unknown;
      headers?: Record<string, string>;
      reason?: string;
      status?: number;
    } = {},
  ) {
    const def = ErrorCodes[kind];
    super(options.reason ?? options.message ?? def.message);
    this.name = 'ApiError';
    this.code = def.code;
    this.status = options.status ?? def.status;
    this.publicMessage = options.message ?? def.message;
    this.data = options.data ?? null;
    this.headers = options.headers ?? {};
  }
}

export interface FieldError {
  field: string;
  message: string;
}

/** 40001/40002 with every failing field, in both shapes the documents use. */
export function validationError(errors: FieldError[], missing: boolean): ApiError {
  const first = errors[0];
  return new ApiError(missing ? 'MISSING_PARAMETER' : 'INVALID_PARAMETER', {
    message: missing ? ErrorCodes.MISSING_PARAMETER.message : MESSAGES.invalidFields,
    data: { errors, field: first?.field, reason: first?.message },
  });
}

const UNAVAILABLE_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalFailure',
  'TransactionConflictException',
  'TransactionInProgressException',
  'LimitExceededException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'KMSInternalException',
]);

/** True when a dependency failed in a way a retry can fix: the answer is 503/50301 with Retry-After, not 500. */
export function isDependencyUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e.name && UNAVAILABLE_ERRORS.has(e.name)) return true;
  if (e.code && UNAVAILABLE_ERRORS.has(e.code)) return true;
  if (e.name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some(
      (r) =>
        r.Code === 'ThrottlingError' || r.Code === 'TransactionConflict' || r.Code === 'ProvisionedThroughputExceeded',
    );
  }
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}
