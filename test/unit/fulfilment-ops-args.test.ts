import { describe, expect, it } from 'vitest';
import { OpsUsageError, parseOps } from '../../tools/ops-args';

const ID = 'intent_01JAAAAAAAAAAAAAAAAAAAAAAA';

describe('ops arguments', () => {
  it('reads a completion against the local runtime by default', () => {
    expect(
      parseOps(
        [
          'complete',
          ID,
          '--order-id',
          'TB-2026-1',
          '--paid-price',
          '19.9',
          '--tracking-number',
          'SF123',
          '--tracking-company',
          '顺丰速运',
        ],
        {
          DYNAMODB_PORT: '8123',
        },
      ),
    ).toEqual({
      command: {
        verb: 'complete',
        intentId: ID,
        orderId: 'TB-2026-1',
        paidPriceFen: 1990,
        trackingNumber: 'SF123',
        trackingCompany: '顺丰速运',
      },
      target: { kind: 'local', endpoint: 'http://127.0.0.1:8123', table: 'procure-core-local' },
    });
  });

  it('reads a failure against a deployed table', () => {
    expect(
      parseOps(['fail', ID, '--code', 'OUT_OF_STOCK', '--reason', '库存不足', '--table', 't', '--region', 'ap-east-1']),
    ).toEqual({
      command: { verb: 'fail', intentId: ID, failureCode: 'OUT_OF_STOCK', failureReason: '库存不足' },
      target: { kind: 'aws', region: 'ap-east-1', table: 't' },
    });
  });

  it('reads a completion without tracking (added later)', () => {
    expect(parseOps(['complete', ID, '--order-id', 'TB1', '--paid-price', '105']).command).toEqual({
      verb: 'complete',
      intentId: ID,
      orderId: 'TB1',
      paidPriceFen: 10500,
    });
  });

  it.each([
    [[], /unknown command/],
    [['ship', ID], /unknown command/],
    [['complete', 'intent_1'], /not an intent id/],
    [
      ['complete', ID, '--order-id', 'O1', '--paid-price', '1', '--tracking-number', 'T1'],
      /--tracking-company is required/,
    ],
    [['complete', ID, '--order-id', 'O 1', '--paid-price', '1'], /--order-id must be/],
    [['complete', ID, '--order-id', 'O1'], /--paid-price is required/],
    [['complete', ID, '--order-id', 'O1', '--paid-price', '1.001'], /--paid-price must be/],
    [['complete', ID, '--order-id', 'O1', '--paid-price', '0'], /--paid-price must be more than 0/],
    [
      ['complete', ID, '--order-id', 'O1', '--paid-price', '1', '--tracking-number', 'T1', '--tracking-company', '  '],
      /--tracking-company must be/,
    ],
    [['fail', ID, '--code', 'out of stock', '--reason', 'r'], /--code must be/],
    [['fail', ID, '--code', 'NOT_A_CODE', '--reason', 'r'], /--code must be one of/],
    [['fail', ID, '--code', 'OUT_OF_STOCK', '--reason', 'x'.repeat(201)], /--reason must be/],
    [['fail', ID, '--code', 'OUT_OF_STOCK', '--reason', 'r', '--order-id', 'O1'], /does not apply to fail/],
    [['fail', ID, '--code', 'OUT_OF_STOCK', '--reason', 'r', '--bogus', 'x'], /bogus/],
    [['fail', ID, 'extra', '--code', 'OUT_OF_STOCK', '--reason', 'r'], /unexpected argument/],
    [['fail', ID, '--code', 'OUT_OF_STOCK', '--reason', 'r', '--region', 'r1'], /needs --table/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseOps(argv as string[])).toThrow(OpsUsageError);
    expect(() => parseOps(argv as string[])).toThrow(message);
  });
});
