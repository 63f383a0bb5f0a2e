// `npm run accounts -- invite` and `npm run apps -- set-org` spawned as the platform team runs them, against the
// test DynamoDB Local: the organisation, its owner's membership and sign-in account, and attaching an app.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeApp } from '../../shared/apps/registry';
import { findLocalAccountByEmail } from '../../shared/console/local-accounts';
import { getOrganisation, membershipOf } from '../../shared/console/organisations';
import { parseAccountsInvocation, UsageError } from '../../tools/accounts-args';
import { createTestApp } from '../support/apps';
import { integrationEndpoint } from '../support/dynamo';

const TSX = resolve('node_modules/.bin/tsx');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(script: string, args: string[]): Promise<Run> {
  const { endpoint, tableName } = integrationEndpoint();
  return new Promise((done) => {
    execFile(
      TSX,
      [script, ...args, '--endpoint', endpoint, '--table', tableName],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const unique = () => `owner-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

describe('accounts CLI', { timeout: 90_000 }, () => {
  it('creates the organisation, the owner membership and a local account with a temporary password', async () => {
    const email = unique();
    const run = await cli('bin/accounts.ts', ['invite', '--org', '杭州测试商贸', '--email', email.toUpperCase()]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ orgName: '杭州测试商贸', email, role: 'owner' });
    expect(out.orgId).toMatch(/^org_/);
    expect(out.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await getOrganisation(out.orgId)).toMatchObject({ name: '杭州测试商贸' });
    expect(await membershipOf(out.sub)).toMatchObject({ orgId: out.orgId, role: 'owner', email });
    expect((await findLocalAccountByEmail(email))?.sub).toBe(out.sub);
  });

  it('refuses an e-mail that already owns an organisation and creates nothing', async () => {
    const email = unique();
    expect((await cli('bin/accounts.ts', ['invite', '--org', 'First', '--email', email])).code).toBe(0);
    const again = await cli('bin/accounts.ts', ['invite', '--org', 'Second', '--email', email]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already belongs to an organisation');
    expect(again.stdout).toBe('');
  });

  it('attaches an existing app to the organisation with apps set-org, once', async () => {
    const invited = JSON.parse((await cli('bin/accounts.ts', ['invite', '--org', 'Apps', '--email', unique()])).stdout);
    const { appId } = await createTestApp();
    const run = await cli('bin/apps.ts', ['set-org', appId, '--org', invited.orgId]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ appId, orgId: invited.orgId });
    expect((await describeApp(appId))?.orgId).toBe(invited.orgId);
    const other = JSON.parse((await cli('bin/accounts.ts', ['invite', '--org', 'Other', '--email', unique()])).stdout);
    const stolen = await cli('bin/apps.ts', ['set-org', appId, '--org', other.orgId]);
    expect(stolen.code).toBe(1);
    expect((await describeApp(appId))?.orgId).toBe(invited.orgId);
    const missing = await cli('bin/apps.ts', ['set-org', appId, '--org', 'org_does_not_exist']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('not found');
  });
});

describe('accounts CLI arguments', () => {
  it.each([
    [[], 'missing command'],
    [['invite', '--email', 'a@b.example'], '--org'],
    [['invite', '--org', 'X', '--email', 'not-an-email'], '--email'],
    [['invite', '--org', 'X', '--email', 'a@b.example', '--region', 'eu-west-1'], '--user-pool-id'],
    [['remove', '--org', 'X'], 'unknown command'],
    [['invite', '--org', 'X', '--email', 'a@b.example', '--colour', 'red'], 'colour'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseAccountsInvocation(argv, {})).toThrow(UsageError);
    expect(() => parseAccountsInvocation(argv, {})).toThrow(message);
  });

  it('targets Cognito and the deployed table when all three are given', () => {
    expect(
      parseAccountsInvocation(
        [
          'invite',
          '--org',
          'X',
          '--email',
          'a@b.example',
          '--table',
          't',
          '--region',
          'eu-west-1',
          '--user-pool-id',
          'p',
        ],
        {},
      ).target,
    ).toEqual({ kind: 'aws', table: 't', region: 'eu-west-1', userPoolId: 'p' });
  });
});
