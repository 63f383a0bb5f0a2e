// Refuses webhook targets inside private networks: private, loopback, link-local (the instance metadata service
// lives there), CGNAT, multicast and reserved ranges, over IPv4 and IPv6. Every address the host resolves to is
// checked, so a public name pointing at 127.0.0.1 is refused too. The local runtime allows them
// (LOCAL_RUNTIME=true): its receivers live on 127.0.0.1.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** IPv4 addresses carried inside IPv6 ones (mapped, compatible, NAT64, 6to4) are judged as the IPv4 they reach. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  const parts = hex ?? sixToFour;
  if (!parts) return undefined;
  const high = Number.parseInt(parts[1]!, 16);
  const low = Number.parseInt(parts[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    return blocked.check(address, 'ipv6') || (v4 !== undefined && blocked.check(v4, 'ipv4'));
  }
  return true; // not an address at all: refuse rather than guess
}

export class UnsafeWebhookTarget extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnsafeWebhookTarget';
  }
}

export type Lookup = (hostname: string) => Promise<string[]>;

const systemLookup: Lookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export interface GuardOptions {
  allowPrivate?: boolean;
  lookup?: Lookup;
}

/**
 * Throws UnsafeWebhookTarget unless the URL is http(s) and every address its host resolves to is public. Returns
 * those vetted addresses, for the connection to use (so DNS cannot answer differently a moment later), or
 * undefined when private targets are allowed (local runtime) and ordinary resolution is fine.
 */
export async function assertSafeWebhookTarget(
  webhookUrl: string,
  options: GuardOptions = {},
): Promise<string[] | undefined> {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    throw new UnsafeWebhookTarget('not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeWebhookTarget('scheme must be http(s)');
  if (url.username || url.password) throw new UnsafeWebhookTarget('credentials in URL');
  if (options.allowPrivate ?? process.env.LOCAL_RUNTIME === 'true') return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) ? [host] : await (options.lookup ?? systemLookup)(host);
  if (addresses.length === 0) throw new UnsafeWebhookTarget('host does not resolve');
  const refused = addresses.find(isPrivateAddress);
  if (refused !== undefined) throw new UnsafeWebhookTarget('host resolves to a private address');
  return addresses;
}
