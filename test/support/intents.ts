// Request bodies the tests build intents from, so each file states only how its intent differs.

/** A valid create body: 19.99 × 3, no remarks. */
export const intentInput = {
  userId: 'user_001',
  platform: 'TAOBAO' as const,
  productUrl: 'https://item.taobao.com/item.htm?id=123456',
  title: 'Apple iPhone 15 Pro 256GB',
  price: 19.99,
  quantity: 3,
  recipientName: '张三',
  address: '北京市朝阳区望京SOHO T1 1001',
  phone: '13800138000',
};

/** The create example of the published documents (seed 002), remarks included. */
export const seedExample = {
  ...intentInput,
  price: 8999,
  quantity: 1,
  remarks: '请在工作日送达',
};
