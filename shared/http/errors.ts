// The one error model: a business code, its HTTP status and a public (Chinese) message. Anything thrown that is
// not an ApiError becomes 50001 or 50301 in the error handler and never shows its internals.

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

/** Public messages more precise than their code's default, each used where that refusal is decided. */
export const MESSAGES = {
  intentNotFound: '采购意图不存在',
  invalidFields: '参数验证失败',
  urlTooLong: 'URL 过长',
  bodyTooLarge: '请求体过大',
  methodNotAllowed: '请求方法不允许',
  noSuchRoute: '接口不存在',
  filterTooBroad: (max: number) => `筛选范围过大(超过 ${max} 条),请增加 userId、status、platform 或日期范围`,
} as const;

/** The message of each field rule (request schemas, domain and store), one per rule, as the partner reads it. */
export const FIELD_MESSAGES = {
  userId: '用户 ID 必须是 1-64 位字母、数字或 _.:@-',
  platform: '电商平台必须是 TAOBAO、JD 或 PDD',
  productUrl: '商品链接必须是 http(s) 链接,最长 2048 字符,不能含空白、控制字符或用户名密码',
  productUrlOfPlatform: '商品链接不是该平台带商品 ID 的商品详情页',
  title: '商品标题必须是 1-200 个字符且不能为空白',
  titleCharacters: '商品标题不能包含控制字符(含换行)、不成对的代理项、非字符或双向文本控制符',
  priceType: '价格必须是数字',
  pricePositive: '价格必须大于 0',
  priceMax: '价格不能超过 1000000',
  priceDecimals: '价格最多两位小数',
  quantity: '采购数量必须是 1-9999 的整数',
  recipientName: '收货人姓名必须是 2-50 个字符(至少 2 个可见字符)',
  recipientNameCharacters: '收货人姓名不能包含控制字符(含换行)、不成对的代理项、非字符或双向文本控制符',
  address: '收货地址必须是 5-200 个字符(至少 5 个可见字符)',
  addressCharacters: '收货地址不能包含控制字符(含换行)、不成对的代理项、非字符或双向文本控制符',
  phone: '手机号格式不正确',
  remarks: '备注必须是 1-500 个字符且不能为空白',
  remarksCharacters: '备注不能包含换行以外的控制字符、不成对的代理项、非字符或双向文本控制符',
  createStatus: '状态只能是 DRAFT 或 SUBMITTED',
  updateStatus: '状态只能是 SUBMITTED 或 CANCELLED',
  unknown: '不支持的字段',
  missing: '缺少必填字段',
  // Rules the domain and the store decide (shared/domain/errors.ts FieldRule).
  cursor: '游标无效或与查询条件不匹配',
} as const;

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
