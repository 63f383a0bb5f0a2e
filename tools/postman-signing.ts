// The collection-level pre-request script Postman (and newman) runs before every request: signs it per the
// signing rules with appId and appSecret read from any variable scope (environment, `--env-var`, collection).
// It runs inside Postman's sandbox, where `pm` is a global and `crypto-js` is one of the modules `require` gives.
//
// What is signed must be what goes on the wire. Postman percent-encodes some characters of a URL when it sends it
// (spaces, quotes, non-ASCII text) and leaves others, so the script first rewrites the query into a fully encoded
// form that no encoder changes again (every byte but RFC 3986's unreserved characters, keeping `&`, `=` and `+`),
// then signs that: the decoded path (as API Gateway hands it to the function) plus the query exactly as sent.
export const SIGNING_SCRIPT = [
  "var CryptoJS = require('crypto-js');",
  'var path = pm.request.url.getPath();',
  "if (path.indexOf('/api/v1/health') === -1 && path.indexOf('/api/v1/openapi.json') === -1) {",
  "  var appId = pm.variables.get('appId');",
  "  var appSecret = pm.variables.get('appSecret');",
  "  if (!appId || !appSecret) throw new Error('set appId and appSecret (environment, --env-var or collection variables)');",
  '  var encode = function (text) {',
  '    var plain;',
  '    try { plain = decodeURIComponent(text); } catch (e) { plain = text; }',
  "    return encodeURIComponent(plain).replace(/[!'()*]/g, function (c) {",
  "      return '%' + c.charCodeAt(0).toString(16).toUpperCase();",
  '    });',
  '  };',
  "  var encodeTerm = function (term) { return term.split('+').map(encode).join('+'); };",
  '  // Variables ({{baseUrl}}, {{intentId}}, ...) are resolved first; disabled query parameters are left out.',
  '  var url = pm.variables.replaceIn(pm.request.url.toString());',
  "  var at = url.indexOf('?');",
  '  var base = at === -1 ? url : url.slice(0, at);',
  "  var query = at === -1 ? '' : url.slice(at + 1).split('&').filter(function (p) { return p !== ''; }).map(function (pair) {",
  "    var eq = pair.indexOf('=');",
  "    return eq === -1 ? encodeTerm(pair) : encodeTerm(pair.slice(0, eq)) + '=' + encodeTerm(pair.slice(eq + 1));",
  "  }).join('&');",
  "  if (query) pm.request.url.update(base + '?' + query);",
  "  var signedPath = decodeURIComponent(base.replace(/^[a-z]+:\\/\\/[^/]+/i, '')) + (query ? '?' + query : '');",
  '  var timestamp = String(Date.now());',
  "  var raw = pm.request.body && pm.request.body.mode === 'raw' ? pm.request.body.raw || '' : '';",
  '  var body = pm.variables.replaceIn(raw);',
  '  var signed = pm.request.method.toUpperCase() + signedPath + timestamp + body;',
  '  var signature = CryptoJS.HmacSHA256(signed, appSecret).toString(CryptoJS.enc.Hex);',
  "  pm.request.headers.upsert({ key: 'X-App-Id', value: appId });",
  "  pm.request.headers.upsert({ key: 'X-Timestamp', value: timestamp });",
  "  pm.request.headers.upsert({ key: 'X-Signature', value: signature });",
  '}',
];

/** Tests a request's answer: the HTTP status and, for the API's envelope, the business code. */
export function responseTests(status: number, code: number | null, extra: string[] = []): string[] {
  return [
    `pm.test('HTTP ${status}', function () { pm.response.to.have.status(${status}); });`,
    ...(code === null
      ? []
      : [`pm.test('code ${code}', function () { pm.expect(pm.response.json().code).to.eql(${code}); });`]),
    ...extra,
  ];
}
