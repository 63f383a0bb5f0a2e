// Intent and request ids: the contract's shapes, and random enough never to repeat.
import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { isIntentId } from '../../shared/domain/intent';
import { newIntentId } from '../../shared/domain/intent-id';
import { newRequestId, REQUEST_ID_PATTERN } from '../../shared/http/request-id';

describe('newIntentId', () => {
  it('is intent_ + a ULID of the creation time', () => {
    const id = newIntentId(Date.parse('2026-02-25T10:30:00.000Z'));
    expect(isIntentId(id)).toBe(true);
    expect(decodeTime(id.slice('intent_'.length))).toBe(Date.parse('2026-02-25T10:30:00.000Z'));
  });

  it('sorts a later millisecond after an earlier one', () => {
    const t = Date.parse('2026-02-25T10:30:00.000Z');
    const ids = [newIntentId(t + 1), newIntentId(t), newIntentId(t + 1000)];
    expect([...ids].sort()).toEqual([ids[1], ids[0], ids[2]]);
  });

  // 5000 ids draw 80 000 random bytes, so the pool is refilled many times on the way.
  it('never repeats within one millisecond and uses every character of the random part', () => {
    const ids = Array.from({ length: 5000 }, () => newIntentId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    const randomChars = new Set(ids.flatMap((id) => [...id.slice(-16)]));
    expect(randomChars.size).toBe(32);
  });
});

describe('newRequestId', () => {
  it('is req_ + the 13-digit time + random alphanumerics, never repeated', () => {
    const ids = Array.from({ length: 5000 }, () => newRequestId(1_700_000_000_000));
    expect(ids.every((id) => REQUEST_ID_PATTERN.test(id) && id.startsWith('req_1700000000000_'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
