// The sender's guard: the URL rule of ./ssrf plus what the host name resolves to right now. Every address must pass
// (deployed: no special-purpose address; local runtime: loopback only), so a public name pointing at 127.0.0.1 is
// refused too, and the connection is pinned to the vetted addresses (./post) so DNS cannot answer differently later.
import { lookup as dnsLookup } from 'node:dns/promises';
import { config } from '../config';
import { checkWebhookUrl, isLoopbackAddress, isSpecialPurposeAddress } from './ssrf';

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
  /** Defaults to LOCAL_RUNTIME=true. */
  local?: boolean;
  lookup?: Lookup;
}

/** Throws UnsafeWebhookTarget unless the URL and every address its host resolves to pass; returns those addresses. */
export async function assertSafeWebhookTarget(webhookUrl: string, options: GuardOptions = {}): Promise<string[]> {
  const local = options.local ?? config.isLocalRuntime();
  const checked = checkWebhookUrl(webhookUrl, { local });
  if (!checked.ok) throw new UnsafeWebhookTarget(checked.reason);
  const { hostname } = checked.url;
  const literal = hostname.startsWith('[') || /^[\d.]+$/.test(hostname);
  const addresses = literal ? [hostname.replace(/^\[(.*)\]$/, '$1')] : await resolve(hostname, options.lookup);
  if (addresses.length === 0) throw new UnsafeWebhookTarget('host does not resolve');
  const refused = local
    ? addresses.some((address) => !isLoopbackAddress(address))
    : addresses.some(isSpecialPurposeAddress);
  if (refused)
    throw new UnsafeWebhookTarget(
      local ? 'host resolves to a non-loopback address' : 'host resolves to a private address',
    );
  return addresses;
}

async function resolve(host: string, lookup: Lookup = systemLookup): Promise<string[]> {
  try {
    return await lookup(host);
  } catch {
    return [];
  }
}
