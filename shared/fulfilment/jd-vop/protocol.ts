// VOP's wire format as the public client libraries show it (docs/jd-vop.md names the reference for each line):
// every call is a form-encoded POST to `<gateway>/<method>`, business calls carry `token`, and every answer is
// `{ success, resultCode, resultMessage, result }`. Shared by the adapter's client and the local simulator.
import { createHash } from 'node:crypto';

export const METHODS = {
  accessToken: 'oauth2/accessToken',
  refreshToken: 'oauth2/refreshToken',
  address: 'api/area/getJDAddressFromAddress',
  submit: 'api/order/submitOrder',
  confirm: 'api/order/confirmOrder',
  byThirdOrder: 'api/order/selectJdOrderIdByThirdOrder',
  order: 'api/order/selectJdOrder',
  track: 'api/order/orderTrack',
  cancel: 'api/order/cancel',
  messages: 'api/message/get',
  deleteMessage: 'api/message/del',
  balance: 'api/price/getUnionBalance',
} as const;

export interface VopEnvelope {
  success: boolean;
  resultCode: string;
  resultMessage: string;
  result?: unknown;
}

/** VOP's `resultCode` values this project acts on. Codes and meanings are VOP's 错误码 table as the public client
 * lcx19910911/JDVOP lists it (JDVOP/Model/JD/JDErrorCode.cs); PRICE_MISMATCH and OFF_SHELF have no public code and
 * are this project's placeholders (docs/jd-vop.md, "Result codes"). A code not listed here is never guessed at. */
export const RESULT_CODES = {
  SUCCESS: '0000',
  /** 重复提交: the thirdOrder already has a valid order. */
  DUPLICATE_SUBMIT: '0008',
  PARAM_EMPTY: '1001',
  PARAM_FORMAT: '1002',
  PARAM_VALUE: '1003',
  /** 商品池权限不足. */
  NO_POOL_PERMISSION: '2004',
  TOKEN_EXPIRED: '2007',
  /** 提交订单过快: VOP's own throttle on submits. */
  SUBMIT_TOO_FAST: '3002',
  /** 商品类型受限制 (not in the account's pool, or in a flash sale). */
  PRODUCT_RESTRICTED: '3004',
  /** 商品没查询到. */
  PRODUCT_NOT_FOUND: '3005',
  OUT_OF_STOCK: '3008',
  /** 区域限制校验没通过. */
  AREA_RESTRICTED: '3009',
  /** 配额不足或者已被锁定 (monthly-settlement accounts). */
  QUOTA_INSUFFICIENT: '3016',
  BALANCE_INSUFFICIENT: '3017',
  /** 3051-3058: a system behind VOP failed; 下单失败,请重新提交订单. */
  DOWNSTREAM_FIRST: '3051',
  DOWNSTREAM_LAST: '3058',
  /** 确认下单最终失败,请重新确认订单. */
  CONFIRM_FAILED_RETRY: '3101',
  /** 该订单已确认下单. */
  ALREADY_CONFIRMED: '3103',
  CONFIRM_FAILED: '3108',
  /** 取消订单失败,请重新取消订单. */
  CANCEL_FAILED_RETRY: '3201',
  /** 该订单已经被取消. */
  ALREADY_CANCELLED: '3203',
  /** 不能取消已经生产订单. */
  CANCEL_REFUSED_PRODUCED: '3204',
  /** 不能取消已确认订单. */
  CANCEL_REFUSED_CONFIRMED: '3208',
  /** 订单不存在 (3401); jdOrderId不存在 (3102). */
  ORDER_NOT_FOUND: '3401',
  ORDER_ID_NOT_FOUND: '3102',
  /** 没查询到对应地址. */
  ADDRESS_NOT_FOUND: '3405',
  /** 服务异常,请稍后重试. */
  SERVICE_ERROR_RETRY: '5001',
  /** Assumed: the price snapshot differs from JD's price (no public code). */
  PRICE_MISMATCH: '3018',
  /** Assumed: the product is off the shelf (no public code). */
  OFF_SHELF: '3019',
} as const;

/** Refusals the table marks as worth another try: retried like a transport failure (lookup first for a submit). */
export function isRetryableCode(code: string): boolean {
  return (
    code === RESULT_CODES.SUBMIT_TOO_FAST ||
    code === RESULT_CODES.CONFIRM_FAILED_RETRY ||
    code === RESULT_CODES.CANCEL_FAILED_RETRY ||
    code === RESULT_CODES.SERVICE_ERROR_RETRY ||
    (code >= RESULT_CODES.DOWNSTREAM_FIRST && code <= RESULT_CODES.DOWNSTREAM_LAST && code.length === 4)
  );
}

/** Message types read from api/message/get (bububa/jdvop api/message/interface.go). */
export const MESSAGE_TYPES = {
  /** 妥投 (state 1) or 拒收 (state 2). */
  DELIVERY: 5,
  ORDER_CANCELLED: 10,
  /** 配送单生成: the parcel has a waybill. */
  SHIPPED: 12,
  /** 7 天未支付 / 未确认 取消. */
  AUTO_CANCELLED: 15,
} as const;

export const POLLED_MESSAGE_TYPES = Object.values(MESSAGE_TYPES).join(',');

export const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** oauth2/accessToken's `sign`: upper-case md5 of secret + timestamp + client_id + username + md5(password) +
 * grant_type + secret (bububa/jdvop client.go, OYMLCN.JdVop JdVopApi.Oauth2.cs). */
export function accessTokenSign(p: {
  clientSecret: string;
  timestamp: string;
  clientId: string;
  username: string;
  passwordMd5: string;
}): string {
  return md5(
    `${p.clientSecret}${p.timestamp}${p.clientId}${p.username}${p.passwordMd5}access_token${p.clientSecret}`,
  ).toUpperCase();
}

/** `yyyy-MM-dd HH:mm:ss` in China time, the timestamp format the token call signs. */
export function vopTimestamp(at: Date): string {
  const china = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${china.slice(0, 10)} ${china.slice(11, 19)}`;
}

/** Yuan with two decimals from integer fen: VOP's prices are decimal yuan. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);
export const fenOf = (value: number) => Math.round(value * 100);
