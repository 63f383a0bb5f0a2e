// X-Timestamp rules (API reference: Authentication, check 1).
export const TIMESTAMP_WINDOW_MS = 300_000;

/** The timestamp in ms when it is 13 digits and within the window of `now` in either direction. */
export function acceptedTimestamp(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined || !/^\d{13}$/.test(header)) return undefined;
  const ms = Number(header);
  return Math.abs(now - ms) <= TIMESTAMP_WINDOW_MS ? ms : undefined;
}
