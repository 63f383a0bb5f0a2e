// The rule of each intent field (API reference: The intent), shared by the create and update schemas. Lengths count
// characters (code points), not bytes or UTF-16 units.
// zod/mini: the functional API tree-shakes, which keeps the intent functions' bundles small (issue 9).
import * as z from 'zod/mini';
import { PLATFORMS } from '../domain/intent';
import { isWholeFen, MAX_PRICE_YUAN } from '../domain/money';
import { MAX_PRODUCT_URL_CHARS, parseHttpUrl } from '../domain/product-url';
import { FIELD_MESSAGES } from '../http/messages';
import { chars, hasOnlyTypedCharacters, isPastedUrlText, TEXT_RULES_DESCRIPTION, visibleChars } from './text-rules';

/** At least `min` visible characters, at most `max` characters in all (shared/schemas/text-rules.ts). */
const between = (min: number, max: number) => (s: string) => visibleChars(s) >= min && chars(s) <= max;

// The Chinese message of each rule lives in the error table (shared/http/errors.ts).
export { FIELD_MESSAGES };

const text = (message: string) => z.string({ error: message });

/** A free-text field: its characters first (aborting), then its length in visible characters. */
const freeText = (
  lengthMessage: string,
  charactersMessage: string,
  min: number,
  max: number,
  description: string,
  multiline = false,
) =>
  text(lengthMessage).check(
    z.refine((s) => hasOnlyTypedCharacters(s, { multiline }), { error: charactersMessage, abort: true }),
    z.refine(between(min, max), { error: lengthMessage }),
    z.meta({ minLength: min, maxLength: max, description: `${description}。${TEXT_RULES_DESCRIPTION}` }),
  );

export const userId = text(FIELD_MESSAGES.userId).check(
  z.regex(/^[A-Za-z0-9_.:@-]{1,64}$/, { error: FIELD_MESSAGES.userId }),
  z.describe('发起用户 ID:1-64 位 A-Za-z0-9_.:@-'),
);

export const platform = z
  .enum(PLATFORMS, { error: FIELD_MESSAGES.platform })
  .check(z.describe('电商平台:TAOBAO / JD / PDD'));

export const productUrl = text(FIELD_MESSAGES.productUrl).check(
  z.refine((s) => isPastedUrlText(s) && parseHttpUrl(s) !== undefined, { error: FIELD_MESSAGES.productUrl }),
  z.meta({
    format: 'uri',
    maxLength: MAX_PRODUCT_URL_CHARS,
    description:
      `商品详情页链接,http(s),最长 ${MAX_PRODUCT_URL_CHARS} 字符,不能含空白、控制字符或用户名密码(user:pass@):淘宝/天猫 (*.taobao.com, *.tmall.com, *.tmall.hk) 带 id=<数字>;` +
      '京东 (*.jd.com, *.jd.hk) 路径 /<数字>.html;拼多多 (*.yangkeduo.com, *.pinduoduo.com) 带 goods_id=<数字>',
  }),
);

export const title = freeText(
  FIELD_MESSAGES.title,
  FIELD_MESSAGES.titleCharacters,
  1,
  200,
  '商品标题,1-200 个字符,不能为空白',
);

// JSON Schema lengths count code points too, so the `meta` bounds describe the same rules for OpenAPI.
// Each rule aborts the chain so a field reports its first broken rule only.
export const price = z.number({ error: FIELD_MESSAGES.priceType }).check(
  z.refine((n) => n > 0, { error: FIELD_MESSAGES.pricePositive, abort: true }),
  z.refine((n) => n <= MAX_PRICE_YUAN, { error: FIELD_MESSAGES.priceMax, abort: true }),
  z.refine(isWholeFen, { error: FIELD_MESSAGES.priceDecimals, abort: true }),
  z.meta({
    exclusiveMinimum: 0,
    maximum: MAX_PRICE_YUAN,
    multipleOf: 0.01,
    description: '商品单价(元),大于 0,最多两位小数,不超过 1000000',
  }),
);

export const quantity = z.number({ error: FIELD_MESSAGES.quantity }).check(
  z.refine((n) => Number.isInteger(n) && n >= 1 && n <= 9999, { error: FIELD_MESSAGES.quantity }),
  z.meta({ type: 'integer', minimum: 1, maximum: 9999, description: '采购数量,1-9999 的整数' }),
);

export const recipientName = freeText(
  FIELD_MESSAGES.recipientName,
  FIELD_MESSAGES.recipientNameCharacters,
  2,
  50,
  '收货人姓名,2-50 个字符',
);

export const address = freeText(
  FIELD_MESSAGES.address,
  FIELD_MESSAGES.addressCharacters,
  5,
  200,
  '收货详细地址,5-200 个字符',
);

export const phone = text(FIELD_MESSAGES.phone).check(
  z.regex(/^1[3-9]\d{9}$/, { error: FIELD_MESSAGES.phone }),
  z.describe('收货人中国大陆手机号,11 位;响应中脱敏为 138****8000'),
);

// "" is present but empty, which breaks every rule (API reference: Errors), so remarks need at least one character.
export const remarks = freeText(
  FIELD_MESSAGES.remarks,
  FIELD_MESSAGES.remarksCharacters,
  1,
  500,
  '备注,最长 500 个字符,可以换行',
  true,
);

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const idempotencyKey = z
  .string()
  .check(
    z.regex(IDEMPOTENCY_KEY_PATTERN),
    z.describe('Idempotency-Key 请求头:1-64 位 A-Za-z0-9_-;24 小时内相同 App、键和请求体重放首次响应'),
  );
