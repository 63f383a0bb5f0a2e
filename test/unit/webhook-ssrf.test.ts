import { describe, expect, it } from 'vitest';
import { assertSafeWebhookTarget } from '../../shared/webhooks/resolve-target';
import { checkWebhookUrl, isLoopbackAddress, isSpecialPurposeAddress } from '../../shared/webhooks/ssrf';

// One address from each IANA special-purpose range (IPv4 and IPv6 registries) plus multicast, and the spellings
// the review used to get past the old guard.
const SPECIAL_V4 = [
  '0.0.0.0',
  '0.1.2.3',
  '10.1.2.3',
  '100.64.0.1',
  '127.0.0.1',
  '127.8.8.8',
  '169.254.169.254',
  '172.16.0.1',
  '172.31.255.255',
  '192.0.0.9',
  '192.0.0.170',
  '192.0.2.1',
  '192.31.196.1',
  '192.52.193.1',
  '192.88.99.1',
  '192.168.1.1',
  '192.175.48.1',
  '198.18.0.1',
  '198.19.255.255',
  '198.51.100.1',
  '203.0.113.1',
  '224.0.0.1',
  '240.0.0.1',
  '255.255.255.255',
];
const SPECIAL_V6 = [
  '::',
  '::1',
  '::7f00:1', // IPv4-compatible 127.0.0.1
  '::8.8.8.8', // IPv4-compatible, deprecated whatever it carries
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:8.8.8.8', // IPv4-mapped is not globally reachable (IANA)
  '::ffff:0:7f00:1', // SIIT IPv4-translated
  '64:ff9b::a9fe:a9fe', // NAT64 well-known prefix
  '64:ff9b:1::7f00:1', // NAT64 local use
  '100::1', // discard-only
  '2001::1', // Teredo
  '2001:1::1', // PCP anycast
  '2001:2::1', // benchmarking
  '2001:3::1', // AMT
  '2001:4:112::1', // AS112-v6
  '2001:10::1', // ORCHID (deprecated)
  '2001:20::1', // ORCHIDv2
  '2001:30::1', // DRIP
  '2001:db8::1', // documentation
  '2002:7f00:1::1', // 6to4
  '2002:808:808::1', // 6to4, whatever it carries
  '2620:4f:8000::1', // AS112 direct delegation
  '3fff::1', // documentation (RFC 9637)
  '5f00::1', // SRv6 SIDs
  'fc00::1',
  'fd00:ec2::254',
  'fe80::1',
  'fec0::1',
  'ff02::1',
  '4000::1', // outside 2000::/3, not allocated
];

describe('special-purpose addresses', () => {
  it.each([...SPECIAL_V4, ...SPECIAL_V6, 'not-an-ip', ''])('refuses %s', (address) => {
    expect(isSpecialPurposeAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450::1'])(
    'accepts %s',
    (address) => {
      expect(isSpecialPurposeAddress(address)).toBe(false);
    },
  );

  it('reads hex, octal, short and integer IPv4 spellings as the address they mean', () => {
    for (const spelling of ['0x7f.1', '2130706433', '0177.0.0.1', '127.1', '0xa9.0xfe.0xa9.0xfe'])
      expect(isSpecialPurposeAddress(spelling)).toBe(true);
  });

  it('knows loopback without mapped forms', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1'].every(isLoopbackAddress)).toBe(true);
    expect(['::ffff:127.0.0.1', '10.0.0.1', '::', 'localhost'].some(isLoopbackAddress)).toBe(false);
  });
});

describe('the webhook URL rule (registration and sender alike)', () => {
  const deployed = { local: false };
  const local = { local: true };

  it('accepts a public https URL and hands back the parsed URL', () => {
    const checked = checkWebhookUrl('https://hooks.partner.example:8443/x?y=1', deployed);
    expect(checked.ok && checked.url.hostname).toBe('hooks.partner.example');
    expect(checkWebhookUrl('https://8.8.8.8/h', deployed).ok).toBe(true);
    expect(checkWebhookUrl('https://[2606:4700::1]/h', deployed).ok).toBe(true);
  });

  it.each([
    ['http://hooks.partner.example/x', /https/],
    ['ftp://hooks.partner.example/x', /https/],
    ['file:///etc/passwd', /https/],
    ['not a url', /not a URL/],
    ['https://user:pass@hooks.partner.example/', /user name or password/],
    ['https://evil.example@hooks.partner.example/', /user name or password/],
    ['https://169.254.169.254/latest/meta-data', /special-purpose/],
    ['https://0x7f.1/', /special-purpose/],
    ['https://2130706433/', /special-purpose/],
    ['https://0177.0.0.1/', /special-purpose/],
    ['https://127.1/', /special-purpose/],
    ['https://[::ffff:127.0.0.1]/', /special-purpose/],
    ['https://[::7f00:1]/', /special-purpose/],
    ['https://[::ffff:0:7f00:1]/', /special-purpose/],
    ['https://[64:ff9b:1::a9fe:a9fe]/', /special-purpose/],
    ['https://[2002:a9fe:a9fe::1]/', /special-purpose/],
    ['https://[fd00:ec2::254]/', /special-purpose/],
    ['https://localhost/', /public name/],
    ['https://api.localhost/', /public name/],
    ['https://metadata/', /public name/],
    ['https://metadata.google.internal/', /public name/],
    ['https://printer.local/', /public name/],
    [`https://hooks.partner.example/${'a'.repeat(2048)}`, /longer than/],
  ])('refuses %s when deployed', (url, reason) => {
    const checked = checkWebhookUrl(url, deployed);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toMatch(reason);
  });

  it('allows loopback only in the local runtime, over http or https', () => {
    for (const url of [
      'http://127.0.0.1:9999/hook',
      'http://127.0.0.2/h',
      'https://[::1]:8443/h',
      'http://localhost:3000/',
    ])
      expect(checkWebhookUrl(url, local).ok).toBe(true);
    for (const url of [
      'http://10.0.0.1/h',
      'http://169.254.169.254/',
      'http://192.168.1.1/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'https://hooks.partner.example/',
      'http://user:pass@127.0.0.1/',
      'ftp://127.0.0.1/',
    ])
      expect(checkWebhookUrl(url, local).ok).toBe(false);
  });
});

describe('the sender guard (URL rule plus DNS)', () => {
  const deployed = (addresses: string[]) => ({ local: false, lookup: async () => addresses });

  it('accepts a host whose every address is public, and hands back those addresses to connect to', async () => {
    await expect(
      assertSafeWebhookTarget('https://hooks.partner.example/x', deployed(['8.8.8.8', '2606:4700::1'])),
    ).resolves.toEqual(['8.8.8.8', '2606:4700::1']);
  });

  it('refuses a host when any address it resolves to is special-purpose', async () => {
    for (const bad of ['10.0.0.5', '::ffff:7f00:1', '64:ff9b:1::1'])
      await expect(
        assertSafeWebhookTarget('https://hooks.partner.example/x', deployed(['8.8.8.8', bad])),
      ).rejects.toThrow(/private/);
  });

  it('refuses literal special-purpose addresses without asking DNS', async () => {
    const lookup = async () => {
      throw new Error('DNS must not be asked for a literal');
    };
    for (const url of ['https://127.0.0.1:8080/', 'https://[::1]/', 'https://169.254.169.254/', 'https://[::7f00:1]/'])
      await expect(assertSafeWebhookTarget(url, { local: false, lookup })).rejects.toThrow(/special-purpose/);
    await expect(assertSafeWebhookTarget('https://8.8.8.8/', { local: false, lookup })).resolves.toEqual(['8.8.8.8']);
  });

  it('refuses other schemes, credentials and hosts that do not resolve', async () => {
    await expect(assertSafeWebhookTarget('file:///etc/passwd', deployed([]))).rejects.toThrow(/scheme/);
    await expect(assertSafeWebhookTarget('https://u:p@hooks.example/', deployed(['8.8.8.8']))).rejects.toThrow(
      /user name/,
    );
    await expect(assertSafeWebhookTarget('https://nowhere.example/', deployed([]))).rejects.toThrow(/resolve/);
    const failing = { local: false, lookup: async () => Promise.reject(new Error('ENOTFOUND')) };
    await expect(assertSafeWebhookTarget('https://nowhere.example/', failing)).rejects.toThrow(/resolve/);
  });

  it('in the local runtime sends to loopback only, names included', async () => {
    await expect(assertSafeWebhookTarget('http://127.0.0.1:9999/hook', { local: true })).resolves.toEqual([
      '127.0.0.1',
    ]);
    await expect(assertSafeWebhookTarget('http://169.254.169.254/', { local: true })).rejects.toThrow(/loopback/);
    await expect(
      assertSafeWebhookTarget('http://localhost:9999/hook', { local: true, lookup: async () => ['10.0.0.1'] }),
    ).rejects.toThrow(/loopback/);
  });

  it('resolves real names through the system resolver', async () => {
    await expect(assertSafeWebhookTarget('http://localhost:9999/hook', { local: true })).resolves.not.toHaveLength(0);
  });
});
