import { describe, expect, it } from 'vitest';
import { assertSafeWebhookTarget, isPrivateAddress } from '../../shared/webhooks/ssrf';

describe('private address detection', () => {
  it.each([
    '127.0.0.1',
    '127.8.8.8',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:0001::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'accepts %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('webhook target guard', () => {
  const deployed = (addresses: string[]) => ({ allowPrivate: false, lookup: async () => addresses });

  it('accepts a host whose every address is public, and hands back those addresses to connect to', async () => {
    await expect(
      assertSafeWebhookTarget('https://hooks.partner.example/x', deployed(['8.8.8.8', '2606:4700::1'])),
    ).resolves.toEqual(['8.8.8.8', '2606:4700::1']);
  });

  it('refuses a host when any address it resolves to is private', async () => {
    await expect(
      assertSafeWebhookTarget('https://hooks.partner.example/x', deployed(['8.8.8.8', '10.0.0.5'])),
    ).rejects.toThrow(/private/);
  });

  it('refuses literal private addresses, IPv6 included, without asking DNS', async () => {
    const lookup = async () => {
      throw new Error('DNS must not be asked for a literal');
    };
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:10.0.0.1]/',
    ])
      await expect(assertSafeWebhookTarget(url, { allowPrivate: false, lookup })).rejects.toThrow(/private/);
  });

  it('refuses other schemes, credentials and hosts that do not resolve', async () => {
    await expect(assertSafeWebhookTarget('file:///etc/passwd', deployed([]))).rejects.toThrow(/scheme/);
    await expect(assertSafeWebhookTarget('https://u:p@hooks.example/', deployed(['8.8.8.8']))).rejects.toThrow(
      /credentials/,
    );
    await expect(assertSafeWebhookTarget('https://nowhere.example/', deployed([]))).rejects.toThrow(/resolve/);
  });

  it('allows private targets in the local runtime', async () => {
    await expect(
      assertSafeWebhookTarget('http://127.0.0.1:9999/hook', { allowPrivate: true }),
    ).resolves.toBeUndefined();
  });

  it('resolves real names through the system resolver', async () => {
    await expect(assertSafeWebhookTarget('http://localhost:9999/hook', { allowPrivate: false })).rejects.toThrow(
      /private/,
    );
  });
});
