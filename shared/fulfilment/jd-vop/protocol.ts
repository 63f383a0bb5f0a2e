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

/** Result codes this project relies on. Only SUCCESS and TOKEN_EXPIRED appear in the public references; the others
 * are this project's names for refusals whose real codes must be confirmed on JD's 错误码 page when an account is
 * connected (docs/jd-vop.md, "Result codes"). An answer with a code not listed here is never guessed at. */
export const RESULT_CODES = {
  SUCCESS: '0000',
  TOKEN_EXPIRED: '2007',
  THROTTLED: '0010',
  ADDRESS_UNRESOLVED: '3005',
  OUT_OF_STOCK: '3008',
  AREA_NOT_DELIVERABLE: '3010',
  PRICE_MISMATCH: '3017',
  OFF_SHELF: '3019',
  NOT_IN_POOL: '3020',
  BALANCE_INSUFFICIENT: '3004',
  ORDER_NOT_FOUND: '3103',
  CANCEL_REFUSED: '3203',
} as const;

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
