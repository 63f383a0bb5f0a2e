// When a failed webhook delivery is tried again: exponential backoff, capped, covering at least 24 hours, after
// which the message is dead-lettered. The SQS redrive policy (maxReceiveCount) and the local in-process queue both
// read MAX_ATTEMPTS from here, so deployed and local retries follow the same schedule.

export const FIRST_RETRY_SECONDS = 30;
/** Well under SQS's 12-hour visibility-timeout limit. */
export const MAX_RETRY_SECONDS = 6 * 60 * 60;
export const RETRY_WINDOW_SECONDS = 24 * 60 * 60;

/** Seconds to wait after failed attempt `attempt` (1-based) before the next one. */
export function retryDelaySeconds(attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`attempt must be a positive integer, got ${attempt}`);
  return Math.min(FIRST_RETRY_SECONDS * 2 ** (attempt - 1), MAX_RETRY_SECONDS);
}

/** The fewest attempts whose waits add up to the retry window. */
export const MAX_ATTEMPTS = (() => {
  let waited = 0;
  let attempts = 1;
  while (waited < RETRY_WINDOW_SECONDS) {
    waited += retryDelaySeconds(attempts);
    attempts += 1;
  }
  return attempts;
})();

/** The delay before the next attempt, or null when `attempt` was the last one and the event is dead-lettered. */
export function nextRetry(attempt: number): number | null {
  return attempt >= MAX_ATTEMPTS ? null : retryDelaySeconds(attempt);
}
