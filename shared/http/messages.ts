// The error table's public messages (Chinese, as partners and the console read them), every one named here and
// referenced where its refusal is decided: a wording changes in one place, and test/unit/error-table.test.ts fails
// when a throw site writes its own. The codes and their default messages are ErrorCodes in ./errors.ts.

/**
 * Public messages more precise than their code's default, each used where that refusal is decided. Messages that
 * name a value (a status, an email, a limit) are functions of it; callers pass values, never words.
 */
export const MESSAGES = {
  intentNotFound: '采购意图不存在',
  invalidFields: '参数验证失败',
  urlTooLong: 'URL 过长',
  bodyTooLarge: '请求体过大',
  methodNotAllowed: '请求方法不允许',
  noSuchRoute: '接口不存在',
  filterTooBroad: (max: number) => `筛选范围过大(超过 ${max} 条),请增加 userId、status、platform 或日期范围`,
  // The request body (shared/http/foundation.ts), 40003.
  bodyNotUtf8: '请求体不是合法的 UTF-8',
  bodyStartsWithBom: '请求体不能以字节顺序标记(BOM)开头',
  bodyNotJson: '请求体不是合法的 JSON',
  bodyNotObject: '请求体必须是 JSON 对象',
  // Request fields and parameters beyond one field's rule, 40001.
  nothingToChange: '至少需要提供一个要修改的字段',
  idempotencyKey: '幂等键必须是 1-64 位 A-Za-z0-9_-',
  missingField: (field: string) => `${FIELD_MESSAGES.missing}: ${field}`,
  unknownParameter: '不支持的参数',
  repeatedParameter: '参数重复',
  webhookUrlUnusable: (problem: string) => `Webhook 地址不可用:${problem}`,
  // The console's refusals (shared/console/, functions/console-*).
  signedOut: '未登录或登录已过期',
  roleForbidden: '当前角色无权执行该操作',
  lastOwner: '组织至少需要保留一名所有者',
  alreadyMember: '该账号已是组织成员',
  noPreviousSecret: '没有可吊销的旧密钥',
  appChanged: '应用刚被修改,请重试',
  noWebhookUrl: '应用未配置 Webhook 地址',
  // The operators' refusals (shared/console/ops-*, functions/console-ops-*).
  operatorsOnly: '仅平台运营人员可以执行该操作',
  appNotFound: '应用不存在',
  organisationNotFound: '组织不存在',
  deliveryNotFound: '投递记录不存在',
  redeliverOnlyFailed: '只能重发失败或已进入死信的投递',
  noWebhookTarget: '应用未配置 Webhook 地址或已停用',
  claimedByOther: (email: string, until: string) => `该意图已被 ${email} 认领(至 ${until}),不能认领或记录结果`,
  notClaimed: '你没有认领该意图(或认领已过期),请先认领',
  notProcessing: (status: string) => `该意图当前状态为 ${status},不是 PROCESSING,未做任何修改`,
  notTrackable: (status: string) => `该意图当前状态为 ${status},只有 PROCESSING 或 COMPLETED 的意图可以添加物流信息`,
  /** Amounts in yuan, already formatted with two decimals. */
  paidAboveTolerance: (paid: string, max: string, submitted: string, tolerancePercent: number) =>
    `实付单价 ${paid} 元超过允许的上限 ${max} 元(提交价 ${submitted} 元 + ${tolerancePercent}% 容差),` +
    '请改为以 PRICE_CHANGED 标记失败并注明当前价格',
} as const;

/** The list query's refusals per parameter or filter value (shared/schemas/list-query.ts), 40001. */
export const LIST_QUERY_MESSAGES = {
  positiveInteger: '必须是正整数',
  atLeastOne: '必须大于等于 1',
  order: '排序方向只能是 asc 或 desc',
  sortBy: '排序字段只能是 createdAt、updatedAt 或 price',
  fields: (fields: readonly string[]) => `字段只能是 ${fields.join(', ')}`,
  empty: '不能为空',
  tooLong: '过长',
  status: (statuses: readonly string[]) => `状态只能是 ${statuses.join(', ')}`,
  platform: (platforms: readonly string[]) => `平台只能是 ${platforms.join(', ')}`,
  userId: '用户 ID 格式错误',
  money: '金额格式错误',
  integer: '必须是整数',
  instant: '必须是 ISO 8601 时间',
  tooManyValues: (max: number) => `最多 ${max} 个值`,
  filterField: (fields: readonly string[]) => `筛选字段只能是 ${fields.join(', ')}`,
  filterOperator: (operators: readonly string[]) => `筛选操作只能是 ${operators.join(', ')}`,
  pageWindow: (max: number) => `page × pageSize 不能超过 ${max},更深的分页请使用 cursor`,
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

/** The batch create's envelope (shared/schemas/batch.ts), 40001/40002. */
export const BATCH_MESSAGES = {
  items: (max: number) => `items 必须是包含 1-${max} 个采购意图的数组`,
  atomicItems: (max: number) => `atomic 为 true 时 items 最多 ${max} 个`,
  atomic: 'atomic 必须是布尔值',
  item: '每一项必须是 JSON 对象',
  atomicRefused: '批量中有无效项,未创建任何采购意图',
} as const;

/** The console's request fields (shared/console/schemas.ts; the web app shows them too). */
export const CONSOLE_MESSAGES = {
  appName: '应用名称必须是 1-64 个字符且不能为空白',
  ipWhitelist: 'IP 白名单最多 50 条,每条是 IPv4/IPv6 地址或 CIDR',
  cidr: '不是合法的 IPv4/IPv6 地址或 CIDR',
  webhookUrl: 'Webhook 地址必须是 http(s) 链接,最长 2048 字符',
  graceHours: '旧密钥保留时长必须是 0-168 的整数小时,或 null(直到手动吊销)',
  email: '邮箱格式不正确',
  role: '角色只能是 owner、developer 或 viewer',
  limit: 'limit 必须是 1-100 的整数',
  cursor: 'cursor 无效',
} as const;

/** The operators' request fields (shared/console/ops-schemas.ts). */
export const OPS_MESSAGES = {
  platform: (platforms: readonly string[]) => `platform 只能是 ${platforms.join('、')}`,
  orgId: 'orgId 格式不正确',
  minAgeMinutes: 'minAgeMinutes 必须是 0-100000 的整数',
  orderId: '平台订单号必须是 1-64 个字符(A-Z a-z 0-9 _ -)',
  paidPrice: '实付单价必须大于 0,最多两位小数,不超过 1000000',
  trackingNumber: '运单号必须是 1-64 个字符(A-Z a-z 0-9 -)',
  trackingCompany: '快递公司必须是 1-50 个字符且不能为空白',
  trackingPair: '运单号和快递公司需同时填写',
  failureCode: (codes: readonly string[]) => `failureCode 只能是 ${codes.join('、')}`,
  failureReason: '失败原因必须是 1-200 个字符且不能为空白',
  status: 'status 只能是 ACTIVE 或 DISABLED',
  limit: '限流值必须是 1-10000 的整数(每秒请求数)',
  priceTolerancePercent: '价格容差必须是 0-100 之间的百分比,最多两位小数',
  deliveryId: 'deliveryId 格式不正确',
  orgName: '组织名称必须是 1-64 个字符且不能为空白',
  email: '邮箱格式不正确',
} as const;
