// The batch create's DynamoDB cost beside the single create's (issue 20): write and read units per intent as
// DynamoDB reports them (the cost bench's meter, transactions corrected), through the real handlers on a DynamoDB
// Local of its own. Every request includes its auth middleware writes (replay guard, rate-limit counter), which a
// batch pays once for 50 intents.
import { randomUUID } from 'node:crypto';
import { handler as batchHandler } from '../../functions/intents-batch';
import { handler as createHandler } from '../../functions/intents-create';
import { localClient, startDynamoDbLocal } from '../../local/dynamodb-local';
import { freePort } from '../../local/ports';
import { ensureTable } from '../../local/table-setup';
import { dynamo as storeDynamo } from '../../shared/store/client';
import { createTestApp } from '../../test/support/apps';
import { lambdaContext, signedEvent } from '../../test/support/events';
import { intentInput } from '../../test/support/intents';
import { meter } from '../cost/meter';
import { transactionSizer } from '../cost/transaction';
import { median, round } from '../stats';

const TABLE = 'procure-core-bench-batch';
const RUNS = Number(process.env.BENCH_BATCH_COST_RUNS ?? 3);
const BATCH = 50;

export interface BatchCostRow {
  intentsPerRequest: number;
  requestWru: number;
  requestRru: number;
  wruPerIntent: number;
  rruPerIntent: number;
  transactions: number;
}

export type BatchCost = Record<string, BatchCostRow>;

export async function batchCost(): Promise<BatchCost> {
  const local = await startDynamoDbLocal({ port: await freePort(), timeoutMs: 60_000 });
  try {
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: local.endpoint,
      TABLE_NAME: TABLE,
      AWS_REGION: 'local',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'SILENT',
    });
    delete process.env.APP_SECRETS_KMS_KEY_ID;
    // The store's client, built now that the environment names the table and DynamoDB Local.
    const dynamo = storeDynamo();
    await ensureTable(dynamo, TABLE);
    const sizing = localClient(local.endpoint);
    const metered = meter(dynamo, await transactionSizer(sizing, `${TABLE}-sizing`));
    const creds = await createTestApp({ limits: { create: 100_000 } });

    const single = (key: boolean) => () =>
      signedEvent(creds, {
        method: 'POST',
        path: '/api/v1/intents',
        body: JSON.stringify(intentInput),
        headers: key ? { 'idempotency-key': randomUUID() } : {},
      });
    const batch = (key: boolean, users: number) => () =>
      signedEvent(creds, {
        method: 'POST',
        path: '/api/v1/intents/batch',
        body: JSON.stringify({
          items: Array.from({ length: BATCH }, (_, i) => ({ ...intentInput, userId: `user_${i % users}` })),
        }),
        headers: key ? { 'idempotency-key': randomUUID() } : {},
      });
    const cases: [string, typeof createHandler, () => ReturnType<typeof signedEvent>, number][] = [
      ['single create', createHandler, single(false), 1],
      ['single create (Idempotency-Key)', createHandler, single(true), 1],
      [`batch of ${BATCH}, one userId`, batchHandler, batch(false, 1), BATCH],
      [`batch of ${BATCH}, one userId (Idempotency-Key)`, batchHandler, batch(true, 1), BATCH],
      [`batch of ${BATCH}, ${BATCH} userIds`, batchHandler, batch(false, BATCH), BATCH],
    ];
    const rows: BatchCost = {};
    for (const [name, handler, event, n] of cases) {
      const wru: number[] = [];
      const rru: number[] = [];
      let transactions = 0;
      for (let run = 0; run <= RUNS; run++) {
        const request = event();
        metered.take();
        // Metering sizes every item of every transaction with extra calls: far slower than the request itself, so
        // the handler gets ten minutes rather than its 30 s before middy answers 503 for it.
        const result = (await handler(request, { ...lambdaContext, getRemainingTimeInMillis: () => 600_000 } as never, {
          signal: new AbortController().signal,
        })) as { statusCode: number };
        const answer = { status: result.statusCode };
        const calls = metered.take();
        if (answer.status >= 300) throw new Error(`${name} answered ${answer.status}`);
        if (run === 0) continue; // warm-up
        wru.push(calls.filter((c) => c.kind === 'write').reduce((a, c) => a + c.units, 0));
        rru.push(calls.filter((c) => c.kind === 'read').reduce((a, c) => a + c.units, 0));
        transactions = calls.filter((c) => c.command === 'TransactWriteItemsCommand').length;
      }
      const requestWru = median(wru);
      const requestRru = median(rru);
      rows[name] = {
        intentsPerRequest: n,
        requestWru,
        requestRru,
        wruPerIntent: round(requestWru / n, 2),
        rruPerIntent: round(requestRru / n, 2),
        transactions,
      };
      console.error(`batch bench: ${name}: ${requestWru} WRU, ${requestRru} RRU per request`);
    }
    dynamo.destroy();
    sizing.destroy();
    return rows;
  } finally {
    await local.stop();
  }
}
