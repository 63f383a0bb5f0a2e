// The one rule for where a webhook may go, used when a URL is registered (apps CLI, console) and again before every
// delivery (shared/webhooks/resolve-target.ts, which also checks what the host name resolves to). Pure and free of
// Node imports, so a browser bundle can use it too.
//
// Deployed: https only, no userinfo, a public host name or an address outside every IANA special-purpose range
// (IPv4 and IPv6 registries) and outside multicast; IPv6 only inside 2000::/3, the global unicast space, which also
// refuses IPv4-compatible (::a.b.c.d) addresses. ipaddr.js keeps the registries' ranges (private, loopback,
// link-local, CGNAT, documentation, benchmarking, 6to4, Teredo, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, IPv4-mapped,
// SIIT, ORCHID, SRv6 SIDs, ...). The few entries that are globally reachable (AS112, AMT, PCP/TURN anycast) are no
// partner's receiver either, so every special-purpose range is refused.
// Local runtime: http or https to loopback only (127.0.0.0/8, ::1, localhost), where its receivers live.
// IPv4 spelled in hex, octal, short or integer form (0x7f.1, 2130706433) is canonicalised by the WHATWG URL parser
// before it is judged, and ipaddr.js reads such spellings the same way when given a bare address.
import ipaddr from 'ipaddr.js';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

export interface WebhookUrlOptions {
  /** The local runtime (LOCAL_RUNTIME=true): loopback only, http allowed. */
  local: boolean;
}

const globalUnicastV6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  try {
    return ipaddr.parse(address.replace(/^\[(.*)\]$/, '$1'));
  } catch {
    return undefined;
  }
}

/** True when the address is loopback: 127.0.0.0/8 or ::1 (no mapped forms). */
export function isLoopbackAddress(address: string): boolean {
  return parseAddress(address)?.range() === 'loopback';
}

/** True unless the address is globally routable unicast outside every special-purpose range. Non-addresses: true. */
export function isSpecialPurposeAddress(address: string): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return true;
  if (parsed.range() !== 'unicast') return true;
  return parsed.kind() === 'ipv6' && !(parsed as ipaddr.IPv6).match(globalUnicastV6);
}

/** Names that only ever mean this machine or a private network (RFC 6761, RFC 6762, ICANN's .internal). */
function isInternalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (!name.includes('.')) return true; // single labels go through resolver search lists
  return /(^|\.)(localhost|local|internal|home\.arpa)$/.test(name);
}

/** Whether a webhook may be registered for / sent to this URL, judged from the URL alone (no DNS). */
export function checkWebhookUrl(webhookUrl: string, options: WebhookUrlOptions): WebhookUrlCheck {
  if (webhookUrl.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, reason: `longer than ${MAX_WEBHOOK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'user name or password in the URL' };
  const host = url.hostname;
  // The URL parser leaves an IP literal as dotted-quad IPv4 or bracketed IPv6; anything else is a name.
  const literal = /^(\d{1,3}\.){3}\d{1,3}$|^\[/.test(host);
  if (options.local) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme must be http(s)' };
    const loopbackName = /^localhost\.?$/i.test(host);
    if (!loopbackName && !(literal && isLoopbackAddress(host)))
      return { ok: false, reason: 'the local runtime sends webhooks to loopback only (127.0.0.0/8, [::1], localhost)' };
    return { ok: true, url };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'scheme must be https' };
  if (literal) {
    if (isSpecialPurposeAddress(host)) return { ok: false, reason: 'address is private or special-purpose' };
  } else if (isInternalName(host)) return { ok: false, reason: 'host name is not a public name' };
  return { ok: true, url };
}
