// The signature scheme (API reference: Authentication): three headers that must be sent together.
export const SIGNATURE_DESCRIPTION = [
  '每个请求(health 与 openapi.json 除外)都带三个请求头:X-App-Id、X-Timestamp(13 位毫秒时间戳,与服务器相差不超过 300000 ms)、',
  'X-Signature = hex(HMAC-SHA256(appSecret, METHOD + PATH + TIMESTAMP + BODY))。',
  '被签名的字符串各部分之间没有分隔符:METHOD 大写;PATH 为请求路径,有查询串时加上 ? 与线上原样的查询串(保留百分号编码);',
  'BODY 为原样发送的请求体(无请求体时为空串),不是重新序列化的 JSON;请求体不能以 UTF-8 BOM 开头(签名按含 BOM 的字节校验,随后以 40003 拒绝)。',
  'X-App-Id 为 1-64 位 A-Za-z0-9_-,其他形式一律 40103。',
  '校验顺序:时间戳 40102,App ID 40103,签名 40101,IP 白名单 40301,频率 42901。',
  '同一签名的 POST/PUT/DELETE 在 5 分钟内重放得到 40101;重试时请重新签名。',
].join('');

export const securitySchemes = {
  appId: { type: 'apiKey', in: 'header', name: 'X-App-Id', description: `App ID。${SIGNATURE_DESCRIPTION}` },
  timestamp: { type: 'apiKey', in: 'header', name: 'X-Timestamp', description: '13 位毫秒时间戳,参与签名' },
  signature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Signature',
    description: '64 位十六进制 HMAC-SHA256 签名,大小写均可',
  },
};

/** All three at once: one requirement object lists every scheme that must be satisfied. */
export const signedSecurity = [{ appId: [], timestamp: [], signature: [] }];
