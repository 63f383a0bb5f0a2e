// One delivery attempt: SSRF guard, signature, a POST (to the vetted addresses only) with a 5 s timeout. Never throws; says how it went so the
// caller (the SQS sender or the local queue) decides about retries.
import type { OutgoingEvent } from './event';
import { post } from './pinned-post';
import { assertSafeWebhookTarget, type GuardOptions } from './resolve-target';
import { signDelivery } from './signing';

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
  post?: typeof post;
  timeoutMs?: number;
  now?: () => number;
  guard?: GuardOptions;
}

export async function deliver(
  target: WebhookTarget,
  appId: string,
  event: OutgoingEvent,
  options: DeliverOptions = {},
): Promise<DeliveryResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    const addresses = await assertSafeWebhookTarget(target.url, options.guard);
    const { body, headers } = signDelivery(target.url, appId, target.secret, event, (options.now ?? Date.now)());
    const status = await (options.post ?? post)(
      target.url,
      headers,
      body,
      options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      addresses,
    );
    // 3xx counts as a failure: a redirect could lead past the SSRF guard.
    if (status >= 200 && status < 300) return { ok: true, status, durationMs: durationMs() };
    return { ok: false, status, error: `HTTP ${status}`, durationMs: durationMs() };
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
