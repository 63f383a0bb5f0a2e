// The webhook URL rule at registration (issue 14): https only outside the local runtime; no private, loopback,
// link-local or metadata targets, except loopback on the local runtime. The sender's guard (shared/webhooks/ssrf.ts)
// judges every address again at send time, after DNS.
// TODO(merge hard-b): replace the body with the sender's reusable `checkWebhookUrl(url, { local })` once that branch
// lands in shared/webhooks/ssrf.ts; this keeps the same rules on the address literals it can judge without DNS.
import { isIP } from 'node:net';
import { isLocalRuntime } from '../apps/app';
import { isPrivateAddress } from '../webhooks/ssrf';

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.']);

/** Why the URL is refused, or undefined when it is acceptable. */
export function webhookUrlProblem(webhookUrl: string, local = isLocalRuntime()): string | undefined {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    return '不是合法的 URL';
  }
  if (url.username || url.password) return 'URL 不能包含用户名或密码';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const loopback = LOOPBACK_NAMES.has(host) || (isIP(host) !== 0 && isLoopback(host));
  if (local) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return '只支持 http(s)';
    if (!loopback && isIP(host) !== 0 && isPrivateAddress(host)) return '不能指向内网地址';
    return undefined;
  }
  if (url.protocol !== 'https:') return '只支持 https';
  if (loopback || host.endsWith('.localhost')) return '不能指向本机地址';
  if (isIP(host) !== 0 && isPrivateAddress(host)) return '不能指向内网、链路本地或元数据地址';
  return undefined;
}

function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./i.test(address);
}
