// One delivery attempt: SSRF guard, signature, a POST with a 5 s timeout. Never throws; says how it went so the
// caller (the SQS sender or the local queue) decides about retries.
import type { WebhookEvent } from './event';
import { signDelivery } from './signing';
import { assertSafeWebhookTarget, type GuardOptions } from './ssrf';

export const DELIVERY_TIMEOUT_MS = 5000;

export interface WebhookTarget {
  url: string;
  secret: string;
}

export type DeliveryResult =
  | { ok: true; status: number; durationMs: number }
  /** Every failure is retried: the app may fix its webhook URL, which the next attempt reads afresh. */
  | { ok: false; status?: number; error: string; durationMs: number };

export interface DeliverOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  guard?: GuardOptions;
}

export async function deliver(
  target: WebhookTarget,
  appId: string,
  event: WebhookEvent,
  options: DeliverOptions = {},
): Promise<DeliveryResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    await assertSafeWebhookTarget(target.url, options.guard);
    const { body, headers } = signDelivery(target.url, appId, target.secret, event, (options.now ?? Date.now)());
    const response = await (options.fetch ?? fetch)(target.url, {
      method: 'POST',
      headers,
      body,
      // A redirect could lead past the SSRF guard; it counts as a failed attempt instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DELIVERY_TIMEOUT_MS),
    });
    // The body is not needed; draining it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status, durationMs: durationMs() };
    return { ok: false, status: response.status, error: `HTTP ${response.status}`, durationMs: durationMs() };
  } catch (error) {
    const e = error as Error;
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    return {
      ok: false,
      error: timedOut ? 'timeout' : e.name === 'UnsafeWebhookTarget' ? e.message : `${e.name}: ${e.message}`,
      durationMs: durationMs(),
    };
  }
}
