// `npm start`: the whole API on this machine, on DynamoDB Local (API reference: the console and the local runtime).
import './node-support';

import { PortInUseError } from '../local/ports';
import { startLocalRuntime } from '../local/runtime';
import { DEV_APP_ID, DEV_APP_SECRET } from '../shared/apps/app';
import { DEV_ACCOUNT, OPS_ACCOUNT } from '../shared/console/local-accounts';
import { optionalEnv } from '../tools/env';

function portFromEnv(name: string, fallback: number): number {
  const value = Number(optionalEnv(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} must be a port number (1-65535), got ${process.env[name]}`);
    process.exit(1);
  }
  return value;
}

const config = {
  host: '127.0.0.1',
  port: portFromEnv('PORT', 3000),
  dynamoDbPort: portFromEnv('DYNAMODB_PORT', 8000),
  dataDir: optionalEnv('DATA_DIR', '.data'),
  tableName: 'procure-core-local',
  log: (line: string) => console.log(line),
};

let stopping = false;

try {
  const runtime = await startLocalRuntime(config);
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping (DynamoDB Local included)…`);
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  void runtime.dynamoDbExited.then(async (code) => {
    if (stopping) return;
    stopping = true;
    console.error(`DynamoDB Local exited unexpectedly (code ${code}); stopping.`);
    await runtime.stop();
    process.exit(1);
  });
  console.log(
    [
      `procure-core local runtime listening on ${runtime.url}`,
      `  health:   curl -i ${runtime.url}/api/v1/health`,
      `  console:  ${runtime.url}/console/`,
      `  DynamoDB Local: ${runtime.dynamoDb.endpoint} (pid ${runtime.dynamoDb.process.pid}), data in ${config.dataDir}`,
      `  dev app:  X-App-Id ${DEV_APP_ID}`,
      `            secret  ${DEV_APP_SECRET}`,
      '  sign a request: npm run sign -- GET /api/v1/intents',
      `  console:  ${runtime.url}/console/  (sign-in provider ${runtime.url}/oidc)`,
      `            owner    ${DEV_ACCOUNT.email} / ${DEV_ACCOUNT.password}`,
      `            operator ${OPS_ACCOUNT.email} / ${OPS_ACCOUNT.password}`,
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
} catch (error) {
  // One line, no stack: the usual causes (busy port, no Java) are fixed by the reader, not by a debugger.
  console.error(
    error instanceof PortInUseError ? error.message : `local runtime failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
}
