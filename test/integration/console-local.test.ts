// The console API end to end on the local runtime: the dev owner signs in at /oidc, and the real server routes
// /console/api/* through the bearer check to the handlers; the dev organisation owns dev_app_local.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleGateway } from '../../local/console-setup';
import { ensureDevApp } from '../../local/dev-app';
import { freePort } from '../../local/ports';
import { createLocalServer } from '../../local/server';
import { DEV_APP_ID } from '../../shared/apps/app';
import { DEV_ORG_ID, ensureDevOrganisation } from '../../shared/console/dev-organisation';
import { DEV_ACCOUNT } from '../../shared/console/local-accounts';
import { signInLocally } from '../support/console-sign-in';

let server: Server;
let origin: string;
let dataDir: string;
let token: string;
const wasLocal = process.env.LOCAL_RUNTIME;

beforeAll(async () => {
  process.env.LOCAL_RUNTIME = 'true';
  dataDir = mkdtempSync(join(tmpdir(), 'console-local-'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  await ensureDevApp();
  server = createLocalServer({ console: await startConsoleGateway({ origin, dataDir }) });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', () => done()));
  token = (await signInLocally(origin, DEV_ACCOUNT.email, DEV_ACCOUNT.password)).accessToken;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(dataDir, { recursive: true, force: true });
  process.env.LOCAL_RUNTIME = wasLocal;
});

const get = async (path: string) => {
  const response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape each route answers
  return { status: response.status, body: (await response.json()) as { code: number; data: any } };
};

describe('console API on the local runtime', () => {
  it('knows the signed-in dev owner and shows the dev organisation’s dev app', async () => {
    const me = await get('/console/api/me');
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({
      sub: DEV_ACCOUNT.sub,
      email: DEV_ACCOUNT.email,
      orgId: DEV_ORG_ID,
      orgName: 'Dev organisation',
      role: 'owner',
      sourceIp: '127.0.0.1',
      operator: false,
    });
    const apps = await get('/console/api/apps');
    expect(apps.body.data.items.map((a: { appId: string }) => a.appId)).toContain(DEV_APP_ID);
  });

  it('creates the dev organisation once: a second start changes nothing', async () => {
    expect(await ensureDevOrganisation(DEV_ACCOUNT.sub)).toEqual({ orgId: DEV_ORG_ID, created: false });
    const team = await get('/console/api/team');
    expect(team.body.data.items.filter((m: { email: string }) => m.email === DEV_ACCOUNT.email)).toHaveLength(1);
  });

  it('refuses the dev organisation outside the local runtime', async () => {
    process.env.LOCAL_RUNTIME = 'false';
    try {
      await expect(ensureDevOrganisation(DEV_ACCOUNT.sub)).rejects.toThrow(/local runtime/);
    } finally {
      process.env.LOCAL_RUNTIME = 'true';
    }
  });
});
