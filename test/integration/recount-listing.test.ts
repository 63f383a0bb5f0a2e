// The listing counters recount (bin/migrations/recount-listing.ts) on DynamoDB Local, in a table of its own: a
// check finds wrong counters and writes nothing; a write sets every counter to the recount and every marker to the
// version it counted; and when the paused consumer resumes, the records the recount already counted (a create, a
// deletion still in the stream) change nothing while a later change moves the counters by exactly itself. Counters
// and markers the layout before the counters table left in the table itself are reported, and a whole-table write
// deletes them.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recountListing } from '../../bin/migrations/recount-listing';
import { applyToCounters } from '../../shared/counters/aggregate';
import type { Intent } from '../../shared/domain/intent';
import { dynamoCounterTable } from '../../shared/store/counter-table';
import { intentItem } from '../../shared/store/intents';
import { countedMarkerKey, deletionAuditKey, intentKey } from '../../shared/store/keys/intent';
import { type Bucket, counterKey, type Scope } from '../../shared/store/listing-keys';
import { countersTableNameOf } from '../../shared/table';
import { sampleIntent, seededRandom } from '../../tools/listing-load';
import { integrationEndpoint, scratchTable } from '../support/dynamo';

const tableName = `recount-${Date.now()}`;
const countersTable = countersTableNameOf(tableName);
let drop: () => Promise<void>;
let client: DynamoDBDocumentClient;

const random = seededRandom(19);
const mine = Array.from({ length: 24 }, (_, n) => ({
  ...sampleIntent(n, random, { appId: 'app_recount', users: 3 }),
  version: 1 + (n % 3),
}));
const theirs = Array.from({ length: 5 }, (_, n) => sampleIntent(100 + n, random, { appId: 'app_other', users: 2 }));
/** Deleted before the recount; its deletion is still waiting in the paused consumer's stream. */
const deleted = { ...sampleIntent(200, random, { appId: 'app_recount', users: 3 }), version: 3 };

const image = (intent: Intent) => marshall(intentItem(intent)) as never;
let sequence = 0;
function record(before: Intent | null, after: Intent | null): DynamoDBRecord {
  sequence += 1;
  const intent = (after ?? before)!;
  return {
    eventName: before && after ? 'MODIFY' : after ? 'INSERT' : 'REMOVE',
    dynamodb: {
      SequenceNumber: String(sequence),
      Keys: marshall(intentKey(intent.id)) as never,
      ...(after ? { NewImage: image(after) } : {}),
      ...(before ? { OldImage: image(before) } : {}),
    },
  };
}

async function counter(appId: string, scope: Scope, bucket: Bucket = 'ALL'): Promise<number> {
  const { pk, sk, attribute } = counterKey(appId, scope, bucket);
  const { Item } = await client.send(
    new GetCommand({ TableName: countersTable, Key: { pk, sk }, ConsistentRead: true }),
  );
  return Number(Item?.[attribute] ?? 0);
}

/** A counter item holding one count. */
function counterItem(appId: string, scope: Scope, n: number) {
  const { pk, sk, attribute } = counterKey(appId, scope, 'ALL');
  return { pk, sk, entity: 'counter', [attribute]: n };
}

/** `npm run recount:listing` as an operator runs it, against this test's table. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { endpoint } = integrationEndpoint();
  return new Promise((done) =>
    execFile(
      resolve('node_modules/.bin/tsx'),
      ['bin/recount-listing.ts', '--endpoint', endpoint, '--table', tableName, '--app', 'app_recount', ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const put = (Item: Record<string, unknown>) => client.send(new PutCommand({ TableName: tableName, Item }));
const putCounting = (Item: Record<string, unknown>) => client.send(new PutCommand({ TableName: countersTable, Item }));
/** Where the layout before the counters table kept a counter and a marker: in the table itself. */
const legacyCounter = { pk: 'COUNT#app_recount#ALL', sk: 'ALL', entity: 'counter', n: 3 };
const legacyMarker = { ...countedMarkerKey(mine[1]!.id), entity: 'intent-counted', countedVersion: 1 };

beforeAll(async () => {
  ({ client, drop } = await scratchTable(tableName));
  for (const intent of [...mine, ...theirs]) await put(intentItem(intent));
  await put({
    ...deletionAuditKey(deleted.id),
    entity: 'intent-audit',
    action: 'DELETE',
    intentId: deleted.id,
    appId: deleted.appId,
    version: deleted.version,
  });
  // Counters as a pre-issue-16 table may hold them after the stream replayed a day of changes: doubled, plus a
  // counter no intent counts in any more. The other app's are right.
  await putCounting(counterItem('app_recount', {}, 2 * mine.length));
  await putCounting(counterItem('app_recount', { status: 'DRAFT' }, 40));
  await putCounting(counterItem('app_recount', { userId: 'user_gone' }, 7));
  await put(legacyCounter);
  await put(legacyMarker);
  await recountListing(client, tableName, { appId: 'app_other', write: true });
  // One marker already where the consumer got to before it was paused.
  await putCounting({ ...countedMarkerKey(mine[0]!.id), entity: 'intent-counted', countedVersion: mine[0]!.version });
});

afterAll(async () => {
  await drop?.();
});

describe('listing counters recount', { timeout: 60_000 }, () => {
  it('refuses --write without the word that the consumer is paused, and a check exits 3 on differences', async () => {
    const refused = await cli('--write');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--consumer-paused');
    expect(await counter('app_recount', {})).toBe(2 * mine.length);
    const check = await cli();
    expect(check.code).toBe(3);
    expect(JSON.parse(check.stdout)).toMatchObject({ write: false, intents: mine.length, countersWritten: 0 });
  });

  it('finds the wrong counters without writing anything', async () => {
    const result = await recountListing(client, tableName, { appId: 'app_recount', segments: 3 });
    expect(result).toMatchObject({ intents: mine.length, deletedIntents: 1, countersWritten: 0, markersMoved: 0 });
    // An app's run leaves the old copies alone (their keys do not all name an app); a whole-table check finds them.
    expect(result.legacyItems).toBe(0);
    expect((await recountListing(client, tableName)).legacyItems).toBe(2);
    expect(result.mismatched).toBeGreaterThan(3);
    expect(result.mismatches).toContainEqual({
      ...counterKey('app_recount', { userId: 'user_gone' }, 'ALL'),
      stored: 7,
      recount: 0,
    });
    expect(await counter('app_recount', {})).toBe(2 * mine.length);
    expect((await recountListing(client, tableName, { appId: 'app_other' })).mismatched).toBe(0);
  });

  it('writes the recount: totals per scope equal the intents, markers the versions counted', async () => {
    const result = await recountListing(client, tableName, { appId: 'app_recount', write: true, segments: 2 });
    // Each counter item holding a wrong count is written whole: fewer items than counts (a month and its total share one).
    expect(result.countersWritten).toBeGreaterThan(0);
    expect(result.countersWritten).toBeLessThan(result.mismatched);
    // Every intent's and the deleted one's, except the marker already at its intent's version.
    expect(result.markersMoved).toBe(mine.length);
    expect(await counter('app_recount', {})).toBe(mine.length);
    expect(await counter('app_recount', { userId: 'user_gone' })).toBe(0);
    for (const status of ['DRAFT', 'SUBMITTED', 'COMPLETED'] as const)
      expect(await counter('app_recount', { status })).toBe(mine.filter((i) => i.status === status).length);
    const user = mine[5]!.userId;
    expect(await counter('app_recount', { userId: user })).toBe(mine.filter((i) => i.userId === user).length);
    const month = mine[7]!.createdAt.slice(0, 7);
    expect(await counter('app_recount', {}, `M#${month}`)).toBe(
      mine.filter((i) => i.createdAt.startsWith(month)).length,
    );
    const marker = async (id: string) =>
      (await client.send(new GetCommand({ TableName: countersTable, Key: countedMarkerKey(id), ConsistentRead: true })))
        .Item;
    for (const intent of mine.slice(0, 6)) expect((await marker(intent.id))?.countedVersion).toBe(intent.version);
    expect(await marker(deleted.id)).toMatchObject({ countedVersion: deleted.version + 1 });
    expect((await marker(deleted.id))?.expiresAt).toBeGreaterThan(Date.now() / 1000);
    const check = await cli();
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ mismatched: 0 });
  });

  it('lets the resumed consumer skip what the recount counted and apply what came after', async () => {
    const table = dynamoCounterTable(client, countersTable);
    const a = mine[3]!; // version 1: its create is in the stream too
    const b = mine.find((i) => i.status === 'SUBMITTED');
    if (!b || a.version !== 1) throw new Error('the seeded intents changed: pick others');
    const bLater: Intent = { ...b, status: 'PROCESSING', version: b.version + 1 };
    const before = await counter('app_recount', { status: 'SUBMITTED' });
    const replay = [record(null, a), record(deleted, null), record(b, bLater)];
    await expect(applyToCounters(replay, { table, backoffMs: () => 0 })).resolves.toEqual({ batchItemFailures: [] });
    await put(intentItem(bLater));
    expect(await counter('app_recount', { status: 'SUBMITTED' })).toBe(before - 1);
    expect(await counter('app_recount', {})).toBe(mine.length);
    expect((await recountListing(client, tableName, { appId: 'app_recount' })).mismatched).toBe(0);
  });

  it('deletes the counters and markers the table itself kept before the counters table, on a whole-table write', async () => {
    const raw = async ({ pk, sk }: { pk: string; sk: string }) =>
      (await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }))).Item;
    expect(await raw(legacyCounter)).toMatchObject({ n: 3 });
    const result = await recountListing(client, tableName, { write: true });
    expect(result).toMatchObject({ legacyItems: 2, legacyDeleted: 2, mismatched: 0 });
    expect(await raw(legacyCounter)).toBeUndefined();
    expect(await raw(countedMarkerKey(mine[1]!.id))).toBeUndefined();
    // The counters table is untouched by the cleanup.
    expect(await counter('app_recount', {})).toBe(mine.length);
    expect((await recountListing(client, tableName)).legacyItems).toBe(0);
  });
});
