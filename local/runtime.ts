// `npm start`: DynamoDB Local, the table, the dev app, background services and the HTTP server, in that order,
// and a stop() that undoes all of it (Java included).
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { CONSOLE_DIST, ensureConsoleBuilt, stopConsoleBuild } from './console-build';
import { startConsoleGateway } from './console-setup';
import { ensureDevApp } from './dev-app';
import { type DynamoDbLocal, localClient, startDynamoDbLocal } from './dynamodb-local';
import { assertPortFree, PortInUseError } from './ports';
import { createLocalServer } from './server';
import { type BackgroundService, backgroundServices } from './services';
import { ensureLocalTables } from './table-setup';

export interface LocalRuntimeConfig {
  host: string;
  port: number;
  dynamoDbPort: number;
  dataDir: string;
  tableName: string;
  log: (line: string) => void;
  /** Serve the web app at /console/ (building it when stale); true unless a caller opts out. */
  console?: boolean;
}

export interface LocalRuntime {
  url: string;
  dynamoDb: DynamoDbLocal;
  /** Resolves when DynamoDB Local dies on its own; the runtime is useless after that. */
  dynamoDbExited: Promise<number | null>;
  stop(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'EADDRINUSE' ? new PortInUseError(port, 'HTTP') : error),
    );
    server.listen({ host, port }, () => done());
  });
}

export async function startLocalRuntime(config: LocalRuntimeConfig): Promise<LocalRuntime> {
  // Checked before Java starts, so a busy port costs nothing and says so in one line.
  await assertPortFree(config.port, 'HTTP');
  await mkdir(config.dataDir, { recursive: true });
  // Built while DynamoDB Local starts; console requests wait for it, the API does not.
  const consoleReady = config.console === false ? undefined : ensureConsoleBuilt(config.log);
  consoleReady?.catch((error: Error) => config.log(`console: ${error.message}`));
  const dynamoDb = await startDynamoDbLocal({ port: config.dynamoDbPort, dataDir: resolve(config.dataDir) });
  const started: BackgroundService[] = [];
  let server: Server | undefined;
  const stop = async () => {
    stopConsoleBuild();
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise<void>((done) => server!.close(() => done()));
    }
    for (const service of started.reverse()) await service.stop();
    await dynamoDb.stop();
  };
  try {
    // Read by the handlers' store client on its first call (the dev app, below): set before anything calls it.
    Object.assign(process.env, {
      TABLE_NAME: config.tableName,
      DYNAMODB_ENDPOINT: dynamoDb.endpoint,
      AWS_REGION: 'local',
      LOCAL_RUNTIME: 'true',
    });
    const client = localClient(dynamoDb.endpoint);
    const { created, recounted } = await ensureLocalTables(client, config.tableName);
    client.destroy();
    config.log(`table ${config.tableName} ${created ? 'created' : 'found'} in ${resolve(config.dataDir)}`);
    if (recounted)
      config.log(
        `listing counters table created beside it, counts recounted from ${recounted.intents} intents` +
          (recounted.legacyDeleted ? ` (${recounted.legacyDeleted} counter items of the old layout removed)` : ''),
      );
    await ensureDevApp();
    const consoleGateway = await startConsoleGateway({
      origin: `http://${config.host}:${config.port}`,
      dataDir: config.dataDir,
    });
    for (const service of await backgroundServices({ dataDir: config.dataDir })) {
      await service.start();
      started.push(service);
    }
    server = createLocalServer({
      log: config.log,
      console: consoleGateway,
      ...(consoleReady && { webApp: { distDir: CONSOLE_DIST, ready: consoleReady } }),
    });
    await listen(server, config.host, config.port);
  } catch (error) {
    await stop();
    throw error;
  }
  const dynamoDbExited = new Promise<number | null>((done) => dynamoDb.process.once('exit', (code) => done(code)));
  return { url: `http://${config.host}:${config.port}`, dynamoDb, dynamoDbExited, stop };
}
