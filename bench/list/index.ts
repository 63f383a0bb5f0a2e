// `npm run bench:list`: loads 1k, 10k and 100k intents (one app each) into an in-memory DynamoDB Local and reports,
// per list access pattern, the median latency and the read units one call consumes. Not a test: a measurement
// showing cost stays flat as an app's data grows. Writes bench/list/results.json and prints a markdown table.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { freePort } from '../../local/ports';
import { ensureTable } from '../../local/table-setup';
import { parseListQuery } from '../../shared/schemas/list-query';
import { documentClient, dynamo as rawDynamo } from '../../shared/store/client';
import { listIntents } from '../../shared/store/listing';
import { bulkLoad, sampleIntent, seededRandom } from '../../tools/listing-load';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** createdAt spread; the date-range patterns below fall inside it. */
const DAYS = 60;

const PATTERNS: [string, string][] = [
  ['no filter, page 1', ''],
  ['userId', 'userId=user_007'],
  ['status', 'status=SUBMITTED'],
  ['platform', 'platform=JD'],
  ['userId + status', 'userId=user_007&status=SUBMITTED'],
  ['status + platform', 'status=SUBMITTED&platform=JD'],
  ['userId + status + platform', 'userId=user_007&status=SUBMITTED&platform=JD'],
  ['status in (3)', 'filter[status][in]=SUBMITTED,PROCESSING,COMPLETED'],
  ['date range (~30 days)', 'startDate=2026-09-01T10:30:00.000Z&endDate=2026-10-01T15:45:00.000Z'],
  ['date range + status', 'startDate=2026-09-01T10:30:00.000Z&endDate=2026-10-01T15:45:00.000Z&status=SUBMITTED'],
  ['page 5', 'page=5'],
  ['cursor page', 'CURSOR'],
  ['sortBy price', 'sortBy=price'],
  ['sortBy updatedAt asc', 'sortBy=updatedAt&order=asc'],
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main() {
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port, timeoutMs: 60_000 });
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TABLE_NAME: 'procure-core-bench',
    AWS_REGION: 'local',
    // Outside the local runtime list cursors need a key (shared/store/cursor-key.ts): one per run.
    CURSOR_SECRET: randomBytes(32).toString('hex'),
  });
  try {
    // The store's clients, built now that the environment names the table and DynamoDB Local.
    const rawClient = rawDynamo();
    await ensureTable(rawClient, 'procure-core-bench');

    const results: Record<
      string,
      { loadSeconds: number; patterns: Record<string, { medianMs: number; readUnits: number; total: number }> }
    > = {};
    for (const size of SIZES) {
      const appId = `bench_${size}`;
      const random = seededRandom(size);
      const intents = Array.from({ length: size }, (_, n) =>
        sampleIntent(n, random, { appId, users: 100, days: DAYS }),
      );
      const started = Date.now();
      await bulkLoad(documentClient(), 'procure-core-bench', intents, 8);
      const loadSeconds = (Date.now() - started) / 1000;
      console.error(`loaded ${size} intents in ${loadSeconds.toFixed(1)} s`);

      const patterns: Record<string, { medianMs: number; readUnits: number; total: number }> = {};
      for (const [name, raw] of PATTERNS) {
        let query = raw === 'CURSOR' ? parseListQuery('') : parseListQuery(raw);
        if (raw === 'CURSOR') {
          const first = await listIntents(appId, query);
          query = parseListQuery(`cursor=${first.nextCursor}`);
        }
        const times: number[] = [];
        const units: number[] = [];
        let total = 0;
        for (let run = 0; run < RUNS + 2; run++) {
          const t0 = performance.now();
          const result = await listIntents(appId, query);
          const ms = performance.now() - t0;
          if (run < 2) continue; // warm-up
          times.push(ms);
          units.push(result.readUnits);
          total = result.total;
        }
        patterns[name] = { medianMs: Number(median(times).toFixed(1)), readUnits: median(units), total };
      }
      results[String(size)] = { loadSeconds, patterns };
      writeFileSync('bench/list/results.json', `${JSON.stringify({ runs: RUNS, results }, null, 2)}\n`);
    }

    const header = `| pattern | ${SIZES.map((s) => `${s / 1000}k: ms / RCU / total`).join(' | ')} |`;
    const rule = `|---|${SIZES.map(() => '---').join('|')}|`;
    const rows = PATTERNS.map(
      ([name]) =>
        `| ${name} | ${SIZES.map((s) => {
          const p = results[String(s)]!.patterns[name]!;
          return `${p.medianMs} / ${p.readUnits} / ${p.total}`;
        }).join(' | ')} |`,
    );
    const load = `| bulk load (s) | ${SIZES.map((s) => results[String(s)]!.loadSeconds.toFixed(1)).join(' | ')} |`;
    console.log([header, rule, ...rows, load].join('\n'));
    rawClient.destroy();
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
