// App rules, the apps CLI's argument parsing, and sealing secrets (KMS mocked: AWS is never called).
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, ipAllowed, isValidCidr, validSecrets, viewOf } from '../../shared/apps/app';
import { KMS_KEY_ENV, open, seal, sealLocal } from '../../shared/secrets/box';
import { parseInvocation, UsageError } from '../../tools/apps-args';

const app: App = {
  appId: 'app_1',
  name: 'shop',
  status: 'ACTIVE',
  secrets: [
    { secret: 'new', createdAt: '2026-01-01T00:00:00.000Z' },
    { secret: 'old', createdAt: '2025-01-01T00:00:00.000Z', expiresAt: '2026-01-02T00:00:00.000Z' },
  ],
  ipWhitelist: [],
  limits: {},
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('app rules', () => {
  it('keeps the old secret valid until its expiry', () => {
    expect(validSecrets(app, Date.parse('2026-01-01T12:00:00Z'))).toEqual(['new', 'old']);
    expect(validSecrets(app, Date.parse('2026-01-02T00:00:00Z'))).toEqual(['new']);
  });

  it('shows no secret', () => {
    expect(JSON.stringify(viewOf(app))).not.toMatch(/"new"|"old"/);
  });

  it.each([
    ['10.0.0.0/8', true],
    ['10.0.0.1', true],
    ['2001:db8::/32', true],
    ['::1', true],
    ['10.0.0.0/33', false],
    ['2001:db8::/129', false],
    ['10.0.0/8', false],
    ['10.0.0.0/8/1', false],
    ['host.example', false],
    ['10.0.0.0/', false],
  ])('CIDR %s valid: %s', (cidr, valid) => {
    expect(isValidCidr(cidr)).toBe(valid);
  });

  it('matches IPv4 and IPv6 source addresses', () => {
    const whitelisted = { ipWhitelist: ['192.168.1.0/24', 'fd00::/8'] };
    expect(ipAllowed(whitelisted, '192.168.1.200')).toBe(true);
    expect(ipAllowed(whitelisted, '192.168.2.1')).toBe(false);
    expect(ipAllowed(whitelisted, 'fd12::1')).toBe(true);
    expect(ipAllowed(whitelisted, 'fe80::1')).toBe(false);
    expect(ipAllowed(whitelisted, 'not-an-ip')).toBe(false);
    expect(ipAllowed({ ipWhitelist: [] }, 'anything')).toBe(true);
  });
});

describe('apps CLI arguments', () => {
  const env = {};
  it('parses create with repeated --ip and --limit, against the local runtime by default', () => {
    const { command, target } = parseInvocation(
      [
        'create',
        '--name',
        'Shop',
        '--ip',
        '10.0.0.0/8',
        '--ip',
        '2001:db8::/32',
        '--webhook',
        'http://127.0.0.1:9000/h',
        '--limit',
        'create=5',
        '--limit',
        'query=50',
      ],
      env,
    );
    expect(command).toEqual({
      verb: 'create',
      name: 'Shop',
      ipWhitelist: ['10.0.0.0/8', '2001:db8::/32'],
      webhookUrl: 'http://127.0.0.1:9000/h',
      limits: { create: 5, query: 50 },
    });
    expect(target).toEqual({ kind: 'local', endpoint: 'http://127.0.0.1:8000', table: 'procure-core-local' });
  });

  it('follows DYNAMODB_PORT for the local target', () => {
    expect(parseInvocation(['list'], { DYNAMODB_PORT: '8123' }).target).toMatchObject({
      endpoint: 'http://127.0.0.1:8123',
    });
  });

  it('targets a deployed table with explicit flags', () => {
    const { target } = parseInvocation(
      ['create', '--name', 'n', '--table', 't', '--region', 'eu-west-1', '--kms-key', 'alias/k'],
      env,
    );
    expect(target).toEqual({ kind: 'aws', region: 'eu-west-1', table: 't', kmsKeyId: 'alias/k' });
  });

  it('parses the other verbs', () => {
    expect(parseInvocation(['show', 'app_1'], env).command).toEqual({ verb: 'show', appId: 'app_1' });
    expect(parseInvocation(['rotate-secret', 'app_1'], env).command).toEqual({
      verb: 'rotate-secret',
      appId: 'app_1',
      oldSecretValidMs: 24 * 3_600_000,
    });
    expect(parseInvocation(['rotate-secret', 'app_1', '--old-secret-valid-hours', '0'], env).command).toMatchObject({
      oldSecretValidMs: 0,
    });
    expect(parseInvocation(['set-ip', 'app_1', '--clear'], env).command).toEqual({
      verb: 'set-ip',
      appId: 'app_1',
      ipWhitelist: [],
    });
    expect(parseInvocation(['set-webhook', 'app_1', '--clear'], env).command).toEqual({
      verb: 'set-webhook',
      appId: 'app_1',
      webhookUrl: null,
    });
    expect(parseInvocation(['set-limit', 'app_1', '--limit', 'update=1'], env).command).toEqual({
      verb: 'set-limit',
      appId: 'app_1',
      limits: { update: 1 },
    });
  });

  it('validates webhook URLs with the sender guard: loopback for the local runtime, public https when deployed', () => {
    const aws = ['--table', 't', '--region', 'eu-west-1'];
    expect(
      parseInvocation(['set-webhook', 'a', '--webhook', 'https://hooks.partner.example/h', ...aws], env).command,
    ).toMatchObject({ webhookUrl: 'https://hooks.partner.example/h' });
    for (const url of [
      'https://169.254.169.254/latest',
      'https://0x7f.1/',
      'https://2130706433/',
      'https://[::ffff:127.0.0.1]/',
      'https://[::7f00:1]/',
      'https://user:pass@hooks.partner.example/',
      'http://hooks.partner.example/',
      'https://127.0.0.1/',
    ])
      expect(() => parseInvocation(['set-webhook', 'a', '--webhook', url, ...aws], env)).toThrow(UsageError);
    expect(() => parseInvocation(['set-webhook', 'a', '--webhook', 'https://0x7f.1/', ...aws], env)).toThrow(
      /special-purpose/,
    );
    expect(() => parseInvocation(['set-webhook', 'a', '--webhook', 'http://10.0.0.1/h'], env)).toThrow(/loopback/);
    expect(() => parseInvocation(['set-webhook', 'a', '--webhook', 'https://hooks.partner.example/'], env)).toThrow(
      /loopback/,
    );
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['create']],
    [['create', '--name', '']],
    [['create', '--name', 'n', '--ip', '300.1.1.1']],
    [['create', '--name', 'n', '--webhook', 'ftp://x']],
    [['create', '--name', 'n', '--limit', 'create']],
    [['create', '--name', 'n', '--limit', 'delete=5']],
    [['create', '--name', 'n', '--limit', 'create=0']],
    [['create', '--name', 'n', '--bogus']],
    [['create', '--name', 'n', 'extra']],
    [['show']],
    [['show', 'a', 'b']],
    [['disable', 'a', '--ip', '10.0.0.1']],
    [['set-ip', 'a']],
    [['set-ip', 'a', '--ip', '10.0.0.1', '--clear']],
    [['set-webhook', 'a']],
    [['rotate-secret', 'a', '--old-secret-valid-hours', 'soon']],
    [['list', '--region', 'eu-west-1']],
    [['create', '--name', 'n', '--table', 't', '--region', 'eu-west-1']],
    [['list', '--kms-key', 'k']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseInvocation(argv, env)).toThrow(UsageError);
  });
});

describe('sealed secrets', () => {
  const kms = mockClient(KMSClient);
  const dataKey = Buffer.alloc(32, 7);
  const encryptedDataKey = Buffer.from('encrypted-data-key');

  beforeEach(() => {
    kms.reset();
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: Uint8Array.from(dataKey), CiphertextBlob: encryptedDataKey });
    kms.on(DecryptCommand).resolves({ Plaintext: Uint8Array.from(dataKey) });
  });
  afterEach(() => {
    delete process.env[KMS_KEY_ENV];
  });

  it('seals with the local key when no KMS key is configured, and opens it again', async () => {
    const sealed = await seal('app_1', 's3cret');
    expect(sealed.kind).toBe('local');
    expect(JSON.stringify(sealed)).not.toContain('s3cret');
    expect(await open('app_1', sealed)).toBe('s3cret');
    expect(kms.calls()).toHaveLength(0);
  });

  it('uses a KMS data key bound to the app when a KMS key is configured', async () => {
    process.env[KMS_KEY_ENV] = 'alias/app-secrets';
    const sealed = await seal('app_1', 's3cret');
    expect(sealed).toMatchObject({ kind: 'kms', key: encryptedDataKey.toString('base64') });
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({
      KeyId: 'alias/app-secrets',
      KeySpec: 'AES_256',
      EncryptionContext: { purpose: 'app-secret', appId: 'app_1' },
    });
    expect(await open('app_1', sealed)).toBe('s3cret');
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input.EncryptionContext).toEqual({
      purpose: 'app-secret',
      appId: 'app_1',
    });
  });

  it('refuses a secret sealed with the local key where a KMS key is configured', async () => {
    const sealed = sealLocal('app_1', 's3cret');
    process.env[KMS_KEY_ENV] = 'alias/app-secrets';
    await expect(open('app_1', sealed)).rejects.toThrow(/local key/);
  });

  it('does not open a sealed secret moved to another app or tampered with', async () => {
    const sealed = sealLocal('app_1', 's3cret');
    await expect(open('app_2', sealed)).rejects.toThrow();
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = data[0]! ^ 1;
    await expect(open('app_1', { ...sealed, data: data.toString('base64') })).rejects.toThrow();
  });
});
