// The webhook URL rule at registration (issue 14) is the sender's own (shared/webhooks/ssrf.ts): https only outside
// the local runtime; no private, loopback, link-local or metadata targets, except loopback on the local runtime.
import { isLocalRuntime } from '../apps/app';
import { checkWebhookUrl } from '../webhooks/ssrf';

/** Why the URL is refused, or undefined when it is acceptable. */
export function webhookUrlProblem(webhookUrl: string, local = isLocalRuntime()): string | undefined {
  const check = checkWebhookUrl(webhookUrl, { local });
  return check.ok ? undefined : check.reason;
}
