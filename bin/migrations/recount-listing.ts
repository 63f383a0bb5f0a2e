// Recounts the listing counters from the table's own items: every counter item (in the counters table beside it,
// shared/table.ts) set to the number of intents that count in it, and every intent's dedupe marker moved to the
// version that recount saw. Meant for a table whose counters cannot be trusted (written before issue 16, whose
// counters table starts empty; or after records were given up on), and as a read-only check of any table. Counter
// and marker items a version before the counters table kept in the table itself are no longer read; a write run
// deletes them.
//
// Exact while the API keeps writing, provided the counters' stream consumer is paused for the run (docs/operations.md
// says how): the recount counts each intent in the state it read, at version v, and sets its marker to v, so when the
// consumer resumes it drops the records up to v (counted here) and applies the later ones as deltas from that state.
// A deleted intent's audit record gives its last version; its marker moves past it, so a deletion still waiting in
// the stream is not subtracted from a recount that never counted the intent.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, PutCommand, ScanCommand, type ScanCommandOutput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Intent } from '../../shared/domain/intent';
import { markerUpdate } from '../../shared/store/counter-table';
import { isStoreAttribute } from '../../shared/store/keys/intent';
import {
  type CounterKey,
  type CountTally,
  counterId,
  counterItemId,
  counterItems,
  countsIn,
  tallyIntent,
} from '../../shared/store/listing-keys';
import { countersTableNameOf } from '../../shared/table';

type Client = Pick<DynamoDBDocumentClient, 'send'>;
type Item = Record<string, unknown>;

export interface RecountOptions {
  /** Only this app's counters and markers. */
  appId?: string;
  /** false (the default) only compares; true writes counters and markers. */
  write?: boolean;
  /** Parallel scan segments. */
  segments?: number;
}

export interface Mismatch extends CounterKey {
  stored: number;
  recount: number;
}

export interface RecountResult {
  scanned: number;
  intents: number;
  deletedIntents: number;
  counters: number;
  /** Counts whose stored value differs from the recount; the 20 furthest off are listed. */
  mismatched: number;
  mismatches: Mismatch[];
  /** Counter and marker items left in the table itself by the layout before the counters table. */
  legacyItems: number;
  /** With `write`: counter items written (each whole, with every count it holds), markers moved and legacy items
   * deleted. */
  countersWritten: number;
  markersMoved: number;
  legacyDeleted: number;
}

const WRITES_AT_ONCE = 25;

function inGroups<T>(list: T[]): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < list.length; i += WRITES_AT_ONCE) groups.push(list.slice(i, i + WRITES_AT_ONCE));
  return groups;
}

/** What the scan found: recounted counters, the stored ones, and the version each intent's marker should reach. */
interface Tally {
  scanned: number;
  recount: CountTally;
  stored: CountTally;
  markers: { intentId: string; version: number; deleted: boolean }[];
  legacy: { pk: string; sk: string }[];
}

function intentFrom(item: Item): Intent {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !isStoreAttribute(name))) as unknown as Intent;
}

function tallyItem(tally: Tally, item: Item, appId: string | undefined): void {
  if (item.entity === 'intent') {
    const intent = intentFrom(item);
    if (appId && intent.appId !== appId) return;
    tallyIntent(tally.recount, intent);
    tally.markers.push({ intentId: intent.id, version: intent.version, deleted: false });
  } else if (item.entity === 'intent-audit' && item.action === 'DELETE') {
    if (appId && item.appId !== appId) return;
    // The deletion's stream record counts as one version past the deleted one (shared/counters/changes.ts).
    tally.markers.push({ intentId: String(item.intentId), version: Number(item.version) + 1, deleted: true });
  } else if (item.entity === 'counter' || item.entity === 'intent-counted') {
    // The layout before the counters table kept these in the table itself; a whole-table run removes them.
    if (!appId) tally.legacy.push({ pk: String(item.pk), sk: String(item.sk) });
  }
}

function tallyCounter(tally: Tally, item: Item, appId: string | undefined): void {
  if (item.entity !== 'counter') return;
  const pk = String(item.pk);
  if (appId && !pk.startsWith(`COUNT#${appId}#`)) return;
  for (const [key, n] of countsIn(item)) tally.stored.set(counterId(key), [key, n]);
}

async function scanSegment(
  client: Client,
  tableName: string,
  entities: string[],
  each: (item: Item) => void,
  options: RecountOptions,
  n: number,
): Promise<number> {
  let scanned = 0;
  let startKey: Item | undefined;
  do {
    const page: ScanCommandOutput = await client.send(
      new ScanCommand({
        TableName: tableName,
        Segment: n,
        TotalSegments: options.segments ?? 4,
        // Strongly consistent: a marker must never be set below a version the consumer already counted.
        ConsistentRead: true,
        FilterExpression: `#e IN (${entities.map((_, i) => `:e${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#e': 'entity' },
        ExpressionAttributeValues: Object.fromEntries(entities.map((e, i) => [`:e${i}`, e])),
        ExclusiveStartKey: startKey,
      }),
    );
    scanned += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) each(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return scanned;
}

/** Every segment of a table scanned side by side; returns the items scanned. */
async function scan(
  client: Client,
  tableName: string,
  entities: string[],
  each: (item: Item) => void,
  options: RecountOptions,
) {
  const segments = options.segments ?? 4;
  const counts = await Promise.all(
    Array.from({ length: segments }, (_, n) => scanSegment(client, tableName, entities, each, options, n)),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Counts whose stored value is not the recount (a count missing on either side is 0). */
export function compareCounters(recount: Tally['recount'], stored: Tally['stored']): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const id of new Set([...recount.keys(), ...stored.keys()])) {
    const want = recount.get(id)?.[1] ?? 0;
    const have = stored.get(id)?.[1] ?? 0;
    if (want !== have) {
      const { pk, sk, attribute } = (recount.get(id) ?? stored.get(id))![0];
      mismatches.push({ pk, sk, attribute, stored: have, recount: want });
    }
  }
  return mismatches;
}

/** The recounted items that hold a wrong count, whole (a count the recount has none of is left out: 0). */
function itemsToWrite(recount: Tally['recount'], mismatches: Mismatch[]): Item[] {
  const wrong = new Map(mismatches.map((m) => [counterItemId(m), { pk: m.pk, sk: m.sk, entity: 'counter' }]));
  const recounted = new Map(
    counterItems([...recount.values()].filter(([key]) => wrong.has(counterItemId(key)))).map((item) => [
      counterItemId(item as { pk: string; sk: string }),
      item,
    ]),
  );
  return [...wrong].map(([id, bare]) => recounted.get(id) ?? bare);
}

async function moveMarker(client: Client, tableName: string, marker: Tally['markers'][number], nowS: number) {
  const { Update } = markerUpdate(tableName, marker, nowS);
  try {
    await client.send(new UpdateCommand(Update));
    return 1;
  } catch (error) {
    // Already at this version or past it: counted that far before the consumer was paused.
    if ((error as Error).name === 'ConditionalCheckFailedException') return 0;
    throw error;
  }
}

/** `tableName`: the main table; the counters are read from and written to its counters table. */
export async function recountListing(client: Client, tableName: string, options: RecountOptions = {}) {
  const countersTable = countersTableNameOf(tableName);
  const tally: Tally = { scanned: 0, recount: new Map(), stored: new Map(), markers: [], legacy: [] };
  // The intents first, then the counters: a change counted between the two scans would otherwise be in the stored
  // counters but not in the recount. (With the consumer paused, as --write requires, nothing is counted meanwhile.)
  tally.scanned += await scan(
    client,
    tableName,
    ['intent', 'intent-audit', 'counter', 'intent-counted'],
    (item) => tallyItem(tally, item, options.appId),
    options,
  );
  tally.scanned += await scan(
    client,
    countersTable,
    ['counter'],
    (item) => tallyCounter(tally, item, options.appId),
    options,
  );
  const mismatches = compareCounters(tally.recount, tally.stored);
  const result: RecountResult = {
    scanned: tally.scanned,
    intents: tally.markers.filter((m) => !m.deleted).length,
    deletedIntents: tally.markers.filter((m) => m.deleted).length,
    counters: new Set([...tally.recount.keys(), ...tally.stored.keys()]).size,
    mismatched: mismatches.length,
    mismatches: [...mismatches]
      .sort((x, y) => Math.abs(y.stored - y.recount) - Math.abs(x.stored - x.recount))
      .slice(0, 20),
    legacyItems: tally.legacy.length,
    countersWritten: 0,
    markersMoved: 0,
    legacyDeleted: 0,
  };
  if (!options.write) return result;
  // Markers first: should the run stop half way, the counters still hold what the consumer made of them, and a
  // second run (markers already moved) finishes the job.
  const nowS = Math.floor(Date.now() / 1000);
  // Writes go out WRITES_AT_ONCE at a time: the counters' consumer stays paused for the whole run, so it should
  // not take one round trip per intent end to end.
  for (const some of inGroups(tally.markers))
    for (const moved of await Promise.all(some.map((m) => moveMarker(client, countersTable, m, nowS))))
      result.markersMoved += moved;
  for (const some of inGroups(itemsToWrite(tally.recount, mismatches))) {
    await Promise.all(some.map((Item) => client.send(new PutCommand({ TableName: countersTable, Item }))));
    result.countersWritten += some.length;
  }
  // Last: until the counters table is right, the old copies are the only record of what was counted.
  for (const some of inGroups(tally.legacy)) {
    await Promise.all(some.map((key) => client.send(new DeleteCommand({ TableName: tableName, Key: key }))));
    result.legacyDeleted += some.length;
  }
  return result;
}
