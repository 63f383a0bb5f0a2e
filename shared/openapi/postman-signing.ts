// The collection-level pre-request script Postman runs before every request: signs it per CONTRACT section 2
// with the collection variables appId and appSecret. It runs inside Postman (CryptoJS and pm are its globals).
export const SIGNING_SCRIPT = [
  "if (pm.request.url.getPath().indexOf('/api/v1/health') === -1 && pm.request.url.getPath().indexOf('/api/v1/openapi.json') === -1) {",
  "  const appId = pm.collectionVariables.get('appId');",
  "  const appSecret = pm.collectionVariables.get('appSecret');",
  '  const timestamp = String(Date.now());',
  '  // Variables ({{baseUrl}}, {{intentId}}) are resolved first: the server verifies what goes on the wire.',
  '  const url = pm.variables.replaceIn(pm.request.url.toString());',
  "  const pathAndQuery = url.replace(/^[a-z]+:\\/\\/[^/]+/i, '');",
  "  const raw = pm.request.body && pm.request.body.mode === 'raw' ? pm.request.body.raw || '' : '';",
  '  const body = pm.variables.replaceIn(raw);',
  '  const signed = pm.request.method.toUpperCase() + pathAndQuery + timestamp + body;',
  '  const signature = CryptoJS.HmacSHA256(signed, appSecret).toString(CryptoJS.enc.Hex);',
  "  pm.request.headers.upsert({ key: 'X-App-Id', value: appId });",
  "  pm.request.headers.upsert({ key: 'X-Timestamp', value: timestamp });",
  "  pm.request.headers.upsert({ key: 'X-Signature', value: signature });",
  '}',
];
