// `npm start` end to end: the real bin/start.ts as a child process on free ports and a temporary DATA_DIR.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/ports';
import { signedRequest } from '../../local/signed-request';
import { REQUEST_ID_PATTERN } from '../../shared/http/request-id';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startRuntime(env: Record<string, string>): Started {
  const child = spawn(TSX, ['bin/start.ts'], {
    env: { ...process.env, DYNAMODB_ENDPOINT: '', TABLE_NAME: '', LOG_LEVEL: 'WARN', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(check: () => boolean, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Pids of DynamoDB Local processes listening on this port (read from /proc: no pid file to trust). */
function javaPidsOnPort(port: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((a) => a.includes('DynamoDBLocal.jar')) && args[args.indexOf('-port') + 1] === String(port);
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  port: number,
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    if (body) req.setHeader('content-type', 'application/json');
    req.end(body);
  });
}

describe('local runtime (npm start)', () => {
  let runtime: Started;
  let port: number;
  let dynamoDbPort: number;
  let dataDir: string;

  beforeAll(async () => {
    port = await freePort();
    dynamoDbPort = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'procure-core-data-'));
    runtime = startRuntime({ PORT: String(port), DYNAMODB_PORT: String(dynamoDbPort), DATA_DIR: dataDir });
    await waitFor(
      () => runtime.stdout().includes('listening on') || runtime.child.exitCode !== null,
      'the local runtime',
      90_000,
    );
    if (runtime.child.exitCode !== null) throw new Error(`npm start failed:\n${runtime.stderr()}`);
  }, 100_000);

  afterAll(() => {
    if (runtime?.child.exitCode === null) runtime.child.kill('SIGKILL');
    for (const pid of javaPidsOnPort(dynamoDbPort)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URL and the dev credentials', () => {
    expect(runtime.stdout()).toContain(`http://127.0.0.1:${port}`);
    expect(runtime.stdout()).toContain('dev_app_local');
    // The console's local accounts are printed the same way.
    expect(runtime.stdout()).toContain('dev@procure.local / dev_password_local_do_not_use_in_production');
    expect(runtime.stdout()).toContain('ops@procure.local / ops_password_local_do_not_use_in_production');
  });

  it('answers health in the envelope with a request id', async () => {
    const reply = await call(port, 'GET', '/api/v1/health');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['x-request-id']).toMatch(REQUEST_ID_PATTERN);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 0, message: '操作成功', data: { status: 'ok' } });
  });

  it('serves a request signed by npm run sign with the dev app it created', async () => {
    const target = '/api/v1/intents?pageSize=5&filter%5Bstatus%5D=SUBMITTED';
    const { headers } = signedRequest({ method: 'GET', target, baseUrl: '' });
    const reply = await call(port, 'GET', target, undefined, headers);
    expect(reply.status, reply.body).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 0, data: { items: [], total: 0 } });
  });

  it('answers an unknown path with 404 / 40401', async () => {
    const reply = await call(port, 'GET', '/api/v1/nothing-here?x=1');
    expect(reply.status).toBe(404);
    expect(reply.headers['x-request-id']).toMatch(REQUEST_ID_PATTERN);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 40401, data: null });
  });

  it('answers a wrong method with 405 / 40001 and Allow', async () => {
    const reply = await call(port, 'DELETE', '/api/v1/health');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET');
    expect(JSON.parse(reply.body)).toMatchObject({ code: 40001 });
  });

  it('lets the handler answer 413 in the envelope for a body over 1 MB', async () => {
    const reply = await call(port, 'POST', '/api/v1/intents', Buffer.alloc(1024 * 1024 + 10, 'a'));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 40001 });
  });

  it('refuses a runaway body at the socket without buffering it', async () => {
    const reply = await call(port, 'POST', '/api/v1/intents', Buffer.alloc(3 * 1024 * 1024, 'a'));
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
  });

  it('exits 1 with one clear line when the HTTP port is taken', async () => {
    const second = startRuntime({ PORT: String(port), DYNAMODB_PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(new RegExp(`HTTP port ${port} is already in use`));
    expect(second.stderr()).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with one clear line when the DynamoDB port is taken', async () => {
    const second = startRuntime({
      PORT: String(await freePort()),
      DYNAMODB_PORT: String(dynamoDbPort),
      DATA_DIR: dataDir,
    });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(new RegExp(`DynamoDB port ${dynamoDbPort} is already in use`));
    expect(second.stderr()).not.toMatch(/\n\s+at /);
  });

  it('keeps its data in DATA_DIR and stops Java on SIGTERM', async () => {
    expect(existsSync(join(dataDir, 'shared-local-instance.db'))).toBe(true);
    expect(javaPidsOnPort(dynamoDbPort)).toHaveLength(1);
    runtime.child.kill('SIGTERM');
    expect(await runtime.exited).toBe(0);
    await waitFor(() => javaPidsOnPort(dynamoDbPort).length === 0, 'Java to exit', 10_000);
    expect(javaPidsOnPort(dynamoDbPort)).toEqual([]);
  }, 30_000);
});
