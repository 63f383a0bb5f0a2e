import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, MAX_RETRY_SECONDS, nextRetry, retryDelaySeconds } from '../../shared/webhooks/schedule';

describe('webhook retry schedule', () => {
  it('backs off exponentially from 30 s', () => {
    expect([1, 2, 3, 4, 5].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 480]);
  });

  it('never waits longer than the cap (SQS visibility allows at most 12 h)', () => {
    for (let attempt = 1; attempt <= 40; attempt++)
      expect(retryDelaySeconds(attempt)).toBeLessThanOrEqual(MAX_RETRY_SECONDS);
    expect(MAX_RETRY_SECONDS).toBeLessThanOrEqual(12 * 3600);
  });

  it('keeps retrying for at least 24 hours, and not much longer, before dead-lettering', () => {
    const waits: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const delay = nextRetry(attempt);
      if (delay === null) {
        expect(attempt).toBe(MAX_ATTEMPTS);
        break;
      }
      waits.push(delay);
    }
    const total = waits.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(24 * 3600);
    expect(total - waits.at(-1)!).toBeLessThan(24 * 3600);
  });

  it('refuses nonsense attempts', () => {
    expect(() => retryDelaySeconds(0)).toThrow();
    expect(() => retryDelaySeconds(1.5)).toThrow();
  });
});
