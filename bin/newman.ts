// `npm run newman`: runs the published Postman collection (docs/postman_collection.json) with newman against a
// fresh local runtime, credentials given as --env-var the way a partner would; exits non-zero when any request or
// test fails. CI runs it.
import './node-support';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startRuntime } from '../bench/e2e/runtime';
import { DEV_APP_ID, DEV_APP_SECRET } from '../shared/apps/app';

const runtime = await startRuntime();
let code = 1;
try {
  const newman = spawn(
    join(process.cwd(), 'node_modules', '.bin', 'newman'),
    [
      'run',
      'docs/postman_collection.json',
      '--env-var',
      `baseUrl=${runtime.url}`,
      '--env-var',
      `appId=${DEV_APP_ID}`,
      '--env-var',
      `appSecret=${DEV_APP_SECRET}`,
      '--color',
      'off',
    ],
    { stdio: 'inherit' },
  );
  code = await new Promise<number>((done) => newman.once('exit', (exit) => done(exit ?? 1)));
} finally {
  await runtime.stop();
}
process.exit(code);
