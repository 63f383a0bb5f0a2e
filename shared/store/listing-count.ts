// Exact totals from counter items. Without a date range a total is one counter per partition. With one, the
// range is clamped to the partition's first and last intent (one 1-item read each), then covered by whole
// months, days and hours of counters; only the sub-hour slices at its two ends are counted from the index.
import { type Bucket, counterKey, indexPartition, type Scope } from './listing-keys';
import type { ListingReader } from './listing-reader';

const HOUR = 3_600_000;

function startOfMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
function nextMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
const iso = (ms: number) => new Date(ms).toISOString();

export interface RangeCover {
  buckets: Bucket[];
  /** Sub-hour slices, inclusive ISO bounds, counted from the index. */
  slices: { from: string; to: string }[];
}

/** Covers [from, to] (inclusive ms) with the fewest month/day/hour buckets plus at most two sub-hour slices. */
export function coverRange(from: number, to: number): RangeCover {
  const cover: RangeCover = { buckets: [], slices: [] };
  const end = to + 1;
  let t = from;
  while (t < end) {
    const month = nextMonth(t);
    if (t === startOfMonth(t) && month <= end) {
      cover.buckets.push(`M#${iso(t).slice(0, 7)}`);
      t = month;
    } else if (t % 86_400_000 === 0 && t + 86_400_000 <= end) {
      cover.buckets.push(`D#${iso(t).slice(0, 10)}`);
      t += 86_400_000;
    } else if (t % HOUR === 0 && t + HOUR <= end) {
      cover.buckets.push(`H#${iso(t).slice(0, 13)}`);
      t += HOUR;
    } else {
      const sliceEnd = Math.min(end, Math.floor(t / HOUR) * HOUR + HOUR);
      cover.slices.push({ from: iso(t), to: iso(sliceEnd - 1) });
      t = sliceEnd;
    }
  }
  return cover;
}

/** Total of intents in the given partitions of a createdAt index, optionally within [from, to]. */
export async function countTotal(
  reader: ListingReader,
  appId: string,
  indexName: string,
  scopes: Scope[],
  from?: string,
  to?: string,
): Promise<number> {
  if (from === undefined && to === undefined) {
    const counts = await reader.counters(scopes.map((s) => counterKey(appId, s, 'ALL')));
    return counts.reduce((a, b) => a + b, 0);
  }
  const totals = await Promise.all(
    scopes.map(async (scope) => {
      const partition = indexPartition(appId, scope);
      const [first, last] = await Promise.all([
        reader.edge(indexName, partition, 'asc'),
        reader.edge(indexName, partition, 'desc'),
      ]);
      if (!first || !last) return 0;
      const lo = Math.max(Date.parse(from ?? first), Date.parse(first));
      const hi = Math.min(Date.parse(to ?? last), Date.parse(last));
      if (lo > hi) return 0;
      const cover = coverRange(lo, hi);
      const [bucketCounts, sliceCounts] = await Promise.all([
        reader.counters(cover.buckets.map((b) => counterKey(appId, scope, b))),
        Promise.all(cover.slices.map((s) => reader.countRange(indexName, partition, s.from, s.to))),
      ]);
      return [...bucketCounts, ...sliceCounts].reduce((a, b) => a + b, 0);
    }),
  );
  return totals.reduce((a, b) => a + b, 0);
}
