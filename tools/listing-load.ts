// Loads many intents straight into the table for the listing benchmark and tests: items with their listing
// attributes and counter items computed in bulk (BatchWrite), giving the same state the store's per-intent
// transactions give, without one transaction per intent.
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Intent, PLATFORMS, STATUSES } from '../shared/domain/intent';
import { intentItem } from '../shared/store/intents';
import { counterItems as asCounterItems, type CountTally, tallyIntent } from '../shared/store/listing-keys';
import { countersTableNameOf } from '../shared/table';

/** A deterministic pseudo-random source (mulberry32) so loads and tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An intent id shaped like the store's (`intent_` + 26 ULID characters), derived from a number. */
export function sampleId(n: number, random: () => number): string {
  let head = '';
  for (let rest = n, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) head = CROCKFORD[rest % 32] + head;
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[Math.floor(random() * 32)];
  return `intent_${head}${tail}`;
}

export interface SampleOptions {
  appId: string;
  users?: number;
  /** createdAt spread over this many days before `until`. */
  days?: number;
  until?: number;
}

export function sampleIntent(n: number, random: () => number, o: SampleOptions): Intent {
  const until = o.until ?? Date.parse('2026-11-01T00:00:00.000Z');
  const created = until - Math.floor(random() * (o.days ?? 365) * 86_400_000);
  const createdAt = new Date(created).toISOString();
  const updatedAt = new Date(created + Math.floor(random() * 86_400_000)).toISOString();
  const priceFen = 1 + Math.floor(random() * 1_000_000);
  const quantity = 1 + Math.floor(random() * 5);
  return {
    id: sampleId(n, random),
    appId: o.appId,
    userId: `user_${String(Math.floor(random() * (o.users ?? 100))).padStart(3, '0')}`,
    platform: PLATFORMS[Math.floor(random() * PLATFORMS.length)]!,
    productUrl: 'https://item.jd.com/100012043978.html',
    title: `商品 ${n} Sample Item ${Math.floor(random() * 1000)}`,
    priceFen,
    quantity,
    totalAmountFen: priceFen * quantity,
    recipientName: '张三',
    address: '上海市浦东新区测试路 1 号',
    phone: '13800138000',
    status: STATUSES[Math.floor(random() * STATUSES.length)]!,
    createdAt,
    updatedAt,
    version: 1,
  };
}

async function batchWrite(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
    const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
  }
}

/** Counter items for a set of intents that are all new to the table (counters are written, not added). */
export function counterItems(intents: Intent[]): Record<string, unknown>[] {
  const tally: CountTally = new Map();
  for (const intent of intents) tallyIntent(tally, intent);
  return asCounterItems(tally.values());
}

/**
 * Writes intents in batches of 25, `concurrency` batches at a time, with their counters computed in bulk (benches,
 * where no stream consumer runs). `counters: false` leaves counting to the stream consumer, which would otherwise
 * count these intents a second time (tests that share a table with one).
 */
export async function bulkLoad(
  client: DynamoDBDocumentClient,
  tableName: string,
  intents: Intent[],
  concurrency = 8,
  options: { counters?: boolean } = {},
): Promise<void> {
  await writeAll(client, tableName, intents.map(intentItem), concurrency);
  if (options.counters !== false)
    await writeAll(client, countersTableNameOf(tableName), counterItems(intents), concurrency);
}

/** Items written 25 at a time, `concurrency` batches side by side. */
async function writeAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
  concurrency: number,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const chunk = items.slice(next, next + 25);
      next += 25;
      await batchWrite(client, tableName, chunk);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
