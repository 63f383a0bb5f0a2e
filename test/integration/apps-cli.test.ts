// `npm run apps -- ...` spawned as the platform team runs it (tsx), against the test DynamoDB Local.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../local/ports';
import { api } from '../../shared/http/api';
import { clearAppCache } from '../support/apps';
import { integrationEndpoint } from '../support/dynamo';
import { type Credentials, invoke, signedEvent } from '../support/events';

const TSX = resolve('node_modules/.bin/tsx');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with the test table as target; `env` replaces the target flags when given. */
function apps(args: string[], env?: Record<string, string>): Promise<Run> {
  const { endpoint, tableName } = integrationEndpoint();
  const target = env ? [] : ['--endpoint', endpoint, '--table', tableName];
  return new Promise((done) => {
    execFile(
      TSX,
      ['bin/apps.ts', ...args, ...target],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Exit 0 and a stdout that is exactly one JSON object (stderr may carry runtime warnings). */
function json(run: Run) {
  expect(run.code, run.stderr).toBe(0);
  const parsed = JSON.parse(run.stdout);
  expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
  return parsed;
}

const handler = api('intents-list', async () => ({ data: null }));
const verifies = async (creds: Credentials) => {
  clearAppCache();
  return (await invoke(handler, signedEvent(creds, { path: '/api/v1/intents' }))).status;
};

// Each spawn costs about a second (tsx start-up), so these tests get more time than the default.
describe('apps CLI', { timeout: 90_000 }, () => {
  it('creates an app and prints exactly one JSON object with its credentials, which then verify', async () => {
    const run = await apps([
      'create',
      '--name',
      '测试商户',
      '--ip',
      '127.0.0.0/8',
      '--ip',
      '::1',
      '--webhook',
      'http://127.0.0.1:9000/hook',
      '--limit',
      'create=3',
    ]);
    const created = json(run);
    expect(created).toMatchObject({
      appId: expect.stringMatching(/^app_[a-z0-9]{20}$/),
      appSecret: expect.any(String),
      name: '测试商户',
      status: 'ACTIVE',
      ipWhitelist: ['127.0.0.0/8', '::1'],
      webhookUrl: 'http://127.0.0.1:9000/hook',
      limits: { create: 3 },
    });
    expect(await verifies(created)).toBe(200);
  });

  it('shows and lists apps without their secrets', async () => {
    const { appId, appSecret } = json(await apps(['create', '--name', 'shown']));
    const shown = await apps(['show', appId]);
    expect(json(shown)).toMatchObject({ appId, name: 'shown', secrets: [{ createdAt: expect.any(String) }] });
    expect(shown.stdout).not.toContain(appSecret);
    const listed = await apps(['list']);
    expect(json(listed).apps.map((a: { appId: string }) => a.appId)).toContain(appId);
    expect(listed.stdout).not.toContain(appSecret);
  });

  it('rotates a secret and keeps the old one valid until its expiry', async () => {
    const old = json(await apps(['create', '--name', 'rotating']));
    const rotated = json(await apps(['rotate-secret', old.appId, '--old-secret-valid-hours', '1']));
    expect(rotated.appSecret).not.toBe(old.appSecret);
    expect(Date.parse(rotated.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 3_500_000);
    expect(await verifies(old)).toBe(200);
    expect(await verifies({ appId: old.appId, appSecret: rotated.appSecret })).toBe(200);
  });

  it('disables, enables, and sets the whitelist, webhook and limits', async () => {
    const app = json(await apps(['create', '--name', 'settings']));
    expect(json(await apps(['disable', app.appId])).status).toBe('DISABLED');
    expect(await verifies(app)).toBe(401);
    expect(json(await apps(['enable', app.appId])).status).toBe('ACTIVE');
    expect(await verifies(app)).toBe(200);
    expect(json(await apps(['set-ip', app.appId, '--ip', '10.0.0.0/8'])).ipWhitelist).toEqual(['10.0.0.0/8']);
    expect(await verifies(app)).toBe(403);
    expect(json(await apps(['set-ip', app.appId, '--clear'])).ipWhitelist).toEqual([]);
    expect(json(await apps(['set-webhook', app.appId, '--webhook', 'http://localhost:9000/h'])).webhookUrl).toBe(
      'http://localhost:9000/h',
    );
    expect(json(await apps(['set-webhook', app.appId, '--clear'])).webhookUrl).toBeUndefined();
    expect(json(await apps(['set-limit', app.appId, '--limit', 'query=7'])).limits).toEqual({ query: 7 });
  });

  it('finds the local runtime through DYNAMODB_PORT by default', async () => {
    const { endpoint, tableName } = integrationEndpoint();
    const run = await apps(['create', '--name', 'default target', '--table', tableName], {
      DYNAMODB_PORT: new URL(endpoint).port,
    });
    expect(json(run).appId).toMatch(/^app_/);
  });

  it('exits 2 with a clear message on bad arguments, printing nothing on stdout', async () => {
    for (const args of [['create'], ['create', '--name', 'x', '--limit', 'fast=1'], ['explode'], ['show']]) {
      const run = await apps(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^apps: .+$/m);
    }
  });

  it('exits 1 and says to run npm start when no DynamoDB Local listens', async () => {
    const run = await apps(['list'], { DYNAMODB_PORT: String(await freePort()) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('npm start');
  });

  it('exits 1 for an unknown app', async () => {
    const run = await apps(['disable', 'app_nobody']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('app_nobody');
  });
});
