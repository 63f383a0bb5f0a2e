// `cdk synth` runs bin/app.ts in a plain shell, where none of the functions' variables is set: the stack's modules
// must load without them (a construct that reached the store client through a shared constant once failed here on
// TABLE_NAME, while every test, which sets it, passed).
import { execFile } from 'node:child_process';
import { expect, it } from 'vitest';

it('loads the stack with no function variables in the environment', async () => {
  const env = { ...process.env };
  for (const name of ['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'LOCAL_RUNTIME', 'USER_POOL_ID', 'WEBHOOK_QUEUE_URL'])
    delete env[name];
  const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile(
      'node_modules/.bin/tsx',
      ['-e', "require('./infra/procure-core-stack.ts'); process.stdout.write('loaded')"],
      { env, timeout: 60_000 },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    ),
  );
  expect(result.stderr).not.toMatch(/environment variable is not set/);
  expect(result.code).toBe(0);
}, 90_000);
