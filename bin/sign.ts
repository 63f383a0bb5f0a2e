// `npm run sign -- <METHOD> <path> [body]`: signs one request by hand (API reference: Authentication) and prints the three
// headers and a ready curl line for the local runtime. Credentials: the dev app unless APP_ID / APP_SECRET are set.
import './node-support';
import { SIGNABLE_METHODS, signedRequest } from '../local/signed-request';
import { optionalEnv } from '../tools/env';

const USAGE = `usage: npm run sign -- <METHOD> <path[?query]> [body]
  METHOD  GET, POST, PUT or DELETE
  path    as it will be sent, e.g. /api/v1/intents?page=2 (the query is signed exactly as typed)
  body    the raw JSON body for POST/PUT, exactly as it will be sent (quote it for the shell)
env: APP_ID, APP_SECRET (default: the local dev app), PORT (default 3000)`;

const [method = '', target = '', body, ...extra] = process.argv.slice(2);
let result: ReturnType<typeof signedRequest> | undefined;
if (SIGNABLE_METHODS.has(method.toUpperCase()) && target.startsWith('/') && extra.length === 0) {
  try {
    result = signedRequest({
      method,
      target,
      body,
      appId: process.env.APP_ID,
      appSecret: process.env.APP_SECRET,
      baseUrl: `http://127.0.0.1:${optionalEnv('PORT', '3000')}`,
    });
  } catch {
    // A malformed percent-encoding in the path: the usage says what a path looks like.
  }
}
if (!result) {
  console.error(USAGE);
  process.exit(2);
}
for (const [name, value] of Object.entries(result.headers)) console.log(`${name}: ${value}`);
console.log('');
console.log(result.curl);
