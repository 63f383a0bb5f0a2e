// IP whitelist entries (an address or an address/prefix, IPv4 or IPv6) checked without node:net, so the console's
// browser bundle validates exactly what the server does. A unit test holds it to node's isIP on the same inputs.

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

export function isIpv4(address: string): boolean {
  return IPV4.test(address);
}

export function isIpv6(address: string): boolean {
  let text = address;
  let groups = 8;
  // A trailing dotted quad stands for the last two groups (::ffff:1.2.3.4).
  const lastColon = text.lastIndexOf(':');
  if (lastColon !== -1 && text.includes('.', lastColon)) {
    if (!isIpv4(text.slice(lastColon + 1))) return false;
    text = `${text.slice(0, lastColon + 1)}0`;
    groups = 7;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const parts = (half: string) => (half === '' ? [] : half.split(':'));
  const head = parts(halves[0]!);
  const tail = halves.length === 2 ? parts(halves[1]!) : [];
  const all = [...head, ...tail];
  if (!all.every((p) => HEXTET.test(p))) return false;
  return halves.length === 2 ? all.length < groups : all.length === groups;
}

/** `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`: an address, optionally with a prefix no longer than it. */
export function isCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const max = isIpv4(address) ? 32 : isIpv6(address) ? 128 : 0;
  if (max === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= max;
}
