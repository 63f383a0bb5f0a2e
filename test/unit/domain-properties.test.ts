// Properties over many generated inputs: money round-trips exactly and validation only ever answers 40001/40002.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuan, isWholeFen, totalFen, yuanToFen } from '../../shared/domain/money';
import { ApiError } from '../../shared/http/errors';
import { parseCreateIntent, parseUpdateIntent } from '../../shared/schemas/intent';

const MAX_FEN = 100_000_000;

describe('money properties', () => {
  it('every fen amount up to the maximum price survives yuan and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FEN }), (fen) => {
        const yuan = fenToYuan(fen);
        expect(isWholeFen(yuan)).toBe(true);
        expect(yuanToFen(yuan)).toBe(fen);
      }),
      { numRuns: 5000 },
    );
  });

  it('the total printed in yuan is the exact decimal product', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FEN }), fc.integer({ min: 1, max: 9999 }), (fen, quantity) => {
        const total = totalFen(fen, quantity);
        const exact = `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
        expect(fenToYuan(total)).toBe(Number(exact));
        expect(String(fenToYuan(total))).toBe(String(Number(exact)));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('validation properties', () => {
  const anyBody = fc.dictionary(
    fc.constantFrom(
      'userId',
      'platform',
      'productUrl',
      'title',
      'price',
      'quantity',
      'phone',
      'remarks',
      'status',
      'x',
    ),
    fc.jsonValue(),
  );

  it('answers any JSON object with a value or a 40001/40002 listing at least one field, never a crash', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        for (const parse of [parseCreateIntent, parseUpdateIntent]) {
          try {
            parse(body as Record<string, unknown>);
          } catch (e) {
            expect(e).toBeInstanceOf(ApiError);
            expect([40001, 40002]).toContain((e as ApiError).code);
            expect((e as { data: { errors: unknown[] } }).data.errors.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
