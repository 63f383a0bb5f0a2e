// Example bodies and answers for the OpenAPI description and the Postman collection (one place, so they agree).

export const EXAMPLE_INTENT = {
  userId: 'user_001',
  platform: 'TAOBAO',
  productUrl: 'https://item.taobao.com/item.htm?id=123456789',
  title: '示例商品',
  price: 19.99,
  quantity: 2,
  recipientName: '张三',
  address: '北京市朝阳区示例路 1 号',
  phone: '13800138000',
};

const EXAMPLE_ID = 'intent_01JDQ3V9ZK8X2M4N6P7R8S9T0V';
const EXAMPLE_AT = '2026-01-02T03:04:05.678Z';

export const EXAMPLE_BATCH = {
  items: [EXAMPLE_INTENT, { ...EXAMPLE_INTENT, price: 0, quantity: 2 }],
};

export const BATCH_EXAMPLES = {
  request: {
    mixed: { summary: '两项,第二项价格无效(非原子:第一项照常创建)', value: EXAMPLE_BATCH },
    atomic: {
      summary: '原子批量:任一项无效则整批 400,不创建任何意图',
      value: { atomic: true, items: [EXAMPLE_INTENT, { ...EXAMPLE_INTENT, userId: 'user_002', status: 'DRAFT' }] },
    },
  },
  response: {
    mixed: {
      summary: '每项一个结果',
      value: {
        code: 0,
        message: '操作成功',
        data: {
          items: [
            {
              index: 0,
              code: 0,
              id: EXAMPLE_ID,
              intent: {
                id: EXAMPLE_ID,
                userId: 'user_001',
                platform: 'TAOBAO',
                status: 'SUBMITTED',
                createdAt: EXAMPLE_AT,
                updatedAt: EXAMPLE_AT,
              },
            },
            {
              index: 1,
              code: 40001,
              message: '参数验证失败',
              errors: [{ field: 'price', message: '价格必须大于 0' }],
            },
          ],
        },
      },
    },
  },
};
