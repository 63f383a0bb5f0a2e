import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/http/errors';
import { parseCreateIntent, parseIdempotencyKey, parseUpdateIntent } from '../../shared/schemas/intent';
import { seedExample } from '../support/intents';

const valid = { ...seedExample };

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected a refusal');
}

const fieldsOf = (e: ApiError) => (e.data as { errors: { field: string }[] }).errors.map((x) => x.field);

describe('create schema', () => {
  it('accepts the documented example', () => {
    expect(parseCreateIntent({ ...valid })).toMatchObject({ userId: 'user_001', price: 8999 });
  });

  const invalid: [string, unknown][] = [
    ['userId', ''],
    ['userId', 'a'.repeat(65)],
    ['userId', 'user 1'],
    ['userId', 42],
    ['platform', 'AMAZON'],
    ['platform', 'taobao'],
    ['productUrl', ''],
    ['productUrl', 'not a url'],
    ['productUrl', 'javascript:alert(1)'],
    ['productUrl', 'https://item.jd.com/100012043978.html'],
    ['productUrl', `https://item.taobao.com/item.htm?id=1&x=${'a'.repeat(2048)}`],
    ['title', ''],
    ['title', '   '],
    ['title', '字'.repeat(201)],
    ['price', 0],
    ['price', -1],
    ['price', 19.999],
    ['price', 1000000.01],
    ['price', '19.99'],
    ['quantity', 0],
    ['quantity', 10000],
    ['quantity', 1.5],
    ['quantity', '1'],
    ['recipientName', '张'],
    ['recipientName', '张'.repeat(51)],
    ['address', '北京市朝阳'.slice(0, 4)],
    ['address', '址'.repeat(201)],
    ['phone', '12800138000'],
    ['phone', '1380013800'],
    ['phone', '+8613800138000'],
    ['phone', ''],
    ['remarks', '备'.repeat(501)],
    ['remarks', ''],
    ['remarks', null],
    ['status', 'CANCELLED'],
    ['status', 'PROCESSING'],
    // Text no person types (issue 17 item 7).
    ['title', 'a\u0000b'],
    ['title', 'line\r\nbreak'],
    ['title', 'tab\there'],
    ['title', 'esc\u001b[31m'],
    ['title', 'c1\u0085'],
    ['title', 'lone \ud800 surrogate'],
    ['title', 'lone \udc00 low'],
    ['title', '\u200b\u200b\u200b'],
    ['title', '\u3000\u00a0\u2800'],
    ['title', 'bidi \u202egnp.exe'],
    ['title', 'nonchar \uffff'],
    ['recipientName', '\u200b张'],
    ['recipientName', '张\n三'],
    ['address', '     '],
    ['address', '\u3000\u3000\u3000\u3000\u3000\u3000'],
    ['address', '北京市\u0000朝阳区'],
    ['address', '北京市朝阳区\ud83d'],
    ['remarks', ' \n '],
    ['remarks', 'a\rb'],
    ['remarks', 'a\u0000b'],
    ['productUrl', 'https://evil.example@item.taobao.com/item.htm?id=1'],
    ['productUrl', 'https://user:pass@item.taobao.com/item.htm?id=1'],
    ['productUrl', 'https://item.taobao.com/item.htm?id=1\n'],
    ['productUrl', 'https://item.taobao.com/item.h\ttm?id=1'],
    ['productUrl', ' https://item.taobao.com/item.htm?id=1'],
    ['productUrl', 'https://item.taobao.com/item.htm?id=1&x=\ud800'],
  ];
  for (const [field, value] of invalid)
    it(`refuses ${field} = ${JSON.stringify(value)?.slice(0, 40)} with 40001`, () => {
      const e = refusal(() => parseCreateIntent({ ...valid, [field]: value }));
      expect(e.code).toBe(40001);
      expect(e.data).toMatchObject({ field, errors: [{ field }] });
      expect((e.data as { reason: string }).reason).toMatch(/[\u4e00-\u9fff]/);
    });

  it('keeps text a person types: emoji with joiners, full-width and Latin accents, line feeds in remarks', () => {
    const typed = {
      ...valid,
      title: '家庭装 👨‍👩‍👧 礼盒 Café',
      recipientName: '欧阳 娜娜',
      address: '北京市朝阳区 建国路 88 号',
      remarks: '请周末送货\n谢谢',
    };
    expect(parseCreateIntent(typed)).toMatchObject(typed);
  });

  it('names the broken character rule apart from the length rule', () => {
    const e = refusal(() => parseCreateIntent({ ...valid, title: 'a\u0000b', address: '  ' }));
    expect(e.data).toMatchObject({
      errors: [
        { field: 'title', message: expect.stringContaining('控制字符') },
        { field: 'address', message: expect.stringContaining('可见字符') },
      ],
    });
    expect(refusal(() => parseUpdateIntent({ remarks: 'a\u0007' })).code).toBe(40001);
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect(parseCreateIntent({ ...valid, title: '😀'.repeat(200) }).title).toHaveLength(400);
    expect(parseCreateIntent({ ...valid, recipientName: '😀😀' }).recipientName).toBe('😀😀');
    expect(refusal(() => parseCreateIntent({ ...valid, title: '😀'.repeat(201) })).code).toBe(40001);
  });

  it('accepts the boundaries', () => {
    const edge = {
      ...valid,
      userId: 'a'.repeat(64),
      title: 't',
      price: 1000000,
      quantity: 9999,
      recipientName: '张三',
      address: '五个字地址',
      remarks: '备'.repeat(500),
      status: 'DRAFT',
    };
    expect(parseCreateIntent(edge)).toMatchObject({ price: 1000000, quantity: 9999 });
    expect(parseCreateIntent({ ...valid, price: 0.01 }).price).toBe(0.01);
    expect(parseCreateIntent({ ...valid, userId: 'a_b.c:d@e-f' }).userId).toBe('a_b.c:d@e-f');
  });

  it('accepts each platform with its own product page', () => {
    expect(parseCreateIntent({ ...valid, platform: 'JD', productUrl: 'https://item.jd.com/1.html' }).platform).toBe(
      'JD',
    );
    expect(
      parseCreateIntent({ ...valid, platform: 'PDD', productUrl: 'https://mobile.yangkeduo.com/goods.html?goods_id=9' })
        .platform,
    ).toBe('PDD');
  });

  it('lists every failing field, not just the first', () => {
    const e = refusal(() => parseCreateIntent({ ...valid, price: 0, phone: '123', title: '' }));
    expect(e.code).toBe(40001);
    expect(fieldsOf(e).sort()).toEqual(['phone', 'price', 'title']);
    expect(e.data).toMatchObject({ field: 'title' });
  });

  it('reports a platform/URL mismatch beside other fields’ errors', () => {
    const e = refusal(() => parseCreateIntent({ ...valid, platform: 'PDD', phone: '1' }));
    expect(fieldsOf(e).sort()).toEqual(['phone', 'productUrl']);
  });

  it('refuses unknown and server-owned fields with 40001', () => {
    const e = refusal(() => parseCreateIntent({ ...valid, id: 'intent_x', totalAmount: 1, appId: 'other' }));
    expect(e.code).toBe(40001);
    expect(fieldsOf(e).sort()).toEqual(['appId', 'id', 'totalAmount']);
  });

  it('gives 40002 for absent required fields, which takes precedence over 40001', () => {
    const { phone: _p, title: _t, ...rest } = valid;
    const e = refusal(() => parseCreateIntent({ ...rest, price: -1 }));
    expect(e.code).toBe(40002);
    expect(e.status).toBe(400);
    expect(fieldsOf(e)).toEqual(['title', 'phone', 'price']);
    expect(e.data).toMatchObject({ field: 'title' });
  });

  it('gives 40002 listing all nine fields for an empty object', () => {
    const e = refusal(() => parseCreateIntent({}));
    expect(e.code).toBe(40002);
    expect(fieldsOf(e)).toHaveLength(9);
  });
});

describe('update schema', () => {
  it('accepts a partial edit, a submit and a cancel', () => {
    expect(parseUpdateIntent({ title: '新标题' })).toEqual({ title: '新标题' });
    expect(parseUpdateIntent({ status: 'SUBMITTED' })).toEqual({ status: 'SUBMITTED' });
    expect(parseUpdateIntent({ status: 'CANCELLED' })).toEqual({ status: 'CANCELLED' });
  });

  for (const status of ['DRAFT', 'PROCESSING', 'COMPLETED', 'FAILED', 'cancelled', ''])
    it(`refuses status ${JSON.stringify(status)} with 40001`, () => {
      const e = refusal(() => parseUpdateIntent({ status }));
      expect(e.code).toBe(40001);
      expect(e.data).toMatchObject({ field: 'status' });
    });

  it('applies the create rules to each field given', () => {
    const e = refusal(() => parseUpdateIntent({ price: 1.234, phone: '', quantity: 0 }));
    expect(e.code).toBe(40001);
    expect(fieldsOf(e).sort()).toEqual(['phone', 'price', 'quantity']);
  });

  it('refuses unknown fields and an empty body', () => {
    expect(fieldsOf(refusal(() => parseUpdateIntent({ orderId: 'x' })))).toEqual(['orderId']);
    expect(refusal(() => parseUpdateIntent({})).code).toBe(40001);
  });
});

describe('Idempotency-Key', () => {
  it('accepts 1–64 of A-Za-z0-9_- and nothing else', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('a')).toBe('a');
    expect(parseIdempotencyKey('K-_9'.repeat(16))).toHaveLength(64);
    for (const bad of ['', 'a'.repeat(65), 'has space', 'ключ', 'a/b'])
      expect(refusal(() => parseIdempotencyKey(bad)).code).toBe(40001);
  });
});

describe('OpenAPI export', () => {
  it('turns the create schema into JSON Schema with its bounds and no extra properties', async () => {
    const { z } = await import('zod');
    const { createIntentSchema } = await import('../../shared/schemas/intent');
    const schema = z.toJSONSchema(createIntentSchema, { io: 'input' }) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, Record<string, unknown>>;
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['userId', 'platform', 'productUrl', 'title', 'price', 'quantity', 'phone']),
    );
    expect(schema.required).not.toContain('remarks');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.price).toMatchObject({ exclusiveMinimum: 0, maximum: 1000000, multipleOf: 0.01 });
    expect(schema.properties.quantity).toMatchObject({ type: 'integer', minimum: 1, maximum: 9999 });
    expect(schema.properties.phone?.pattern).toBe('^1[3-9]\\d{9}$');
    expect(schema.properties.title?.description).toMatch(/[\u4e00-\u9fff]/);
  });
});
