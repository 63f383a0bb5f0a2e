// Query-string parsing for GET /api/v1/intents: defaults, aliases, units and the 40001 shape.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/http/errors';
import { isoInstant, parseListQuery, yuanToFen } from '../../shared/schemas/list-query';

describe('parseListQuery', () => {
  it('applies the documented defaults', () => {
    expect(parseListQuery('')).toEqual({ page: 1, pageSize: 20, sortBy: 'createdAt', order: 'desc', conditions: [] });
  });

  it('caps pageSize at 100 and accepts the sortOrder and startTime/endTime aliases', () => {
    const q = parseListQuery('pageSize=1000&sortOrder=asc&startTime=2026-02-01&endTime=2026-02-28');
    expect(q.pageSize).toBe(100);
    expect(q.order).toBe('asc');
    expect(q.conditions).toEqual([
      { field: 'createdAt', op: 'gte', values: ['2026-02-01T00:00:00.000Z'] },
      { field: 'createdAt', op: 'lte', values: ['2026-02-28T23:59:59.999Z'] },
    ]);
  });

  it('parses filters into stored units', () => {
    const q = parseListQuery('filter[price][gte]=19.99&filter[status][in]=DRAFT,FAILED&filter[title][like]=iPhone');
    expect(q.conditions).toEqual([
      { field: 'price', op: 'gte', values: [1999] },
      { field: 'status', op: 'in', values: ['DRAFT', 'FAILED'] },
      { field: 'title', op: 'like', values: ['iphone'] },
    ]);
  });

  it('lists every failing parameter in one 40001', () => {
    try {
      parseListQuery('page=0&status=NOPE&filter[x]=1');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      const e = error as ApiError;
      expect([e.code, e.status]).toEqual([40001, 400]);
      const data = e.data as { errors: { field: string }[]; field: string };
      expect(data.errors.map((x) => x.field).sort()).toEqual(['filter[x]', 'page', 'status']);
    }
  });
});

describe('units', () => {
  it('converts yuan to fen exactly', () => {
    expect([yuanToFen('19.99'), yuanToFen('0.1'), yuanToFen('1000000')]).toEqual([1999, 10, 100_000_000]);
  });

  it('normalises ISO 8601 instants to UTC ms, rounding sub-ms bounds inward', () => {
    expect(isoInstant('2026-02-25T18:00:00+08:00', 'lower')).toBe('2026-02-25T10:00:00.000Z');
    expect(isoInstant('2026-02-25T10:00:00.0001Z', 'lower')).toBe('2026-02-25T10:00:00.001Z');
    expect(isoInstant('2026-02-25T10:00:00.0009Z', 'upper')).toBe('2026-02-25T10:00:00.000Z');
    expect(isoInstant('2026-02-30', 'lower')).toBeUndefined();
    expect(isoInstant('tomorrow', 'lower')).toBeUndefined();
  });
});
