// The design we did not build, kept here only to price it beside ours: a list answered by a Scan with a filter
// (the only way to find an app's SUBMITTED intents without indexes), and its total by a Scan with Select COUNT
// (DynamoDB has no cheap COUNT: a counting Scan reads every item, it only returns less). Both page through the
// whole table with LastEvaluatedKey, as they must: a Scan cannot stop early and still sort newest first.
// Its table holds the same intents as plain items and nothing else (no listing attributes, no counters, no
// indexes): what the naive design would store, so it is not charged for our design's extra items.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Intent } from '../../shared/domain/intent';
import { intentKey } from '../../shared/store/keys/intent';
import { createKeyOnlyTable } from './key-table';

/** Creates the naive design's table and writes the intents into it, 25 to a batch, four batches at a time. */
export async function loadNaiveTable(
  client: DynamoDBClient,
  doc: DynamoDBDocumentClient,
  tableName: string,
  intents: Intent[],
): Promise<void> {
  await createKeyOnlyTable(client, tableName);
  const batches: Record<string, unknown>[][] = [];
  for (let n = 0; n < intents.length; n += 25)
    batches.push(intents.slice(n, n + 25).map((intent) => ({ ...intentKey(intent.id), entity: 'intent', ...intent })));
  const worker = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

export interface NaiveList {
  items: Record<string, unknown>[];
  total: number;
  /** Scan pages read by the list and by the count. */
  listPages: number;
  countPages: number;
}

async function scanAll(client: DynamoDBDocumentClient, input: ScanCommandInput) {
  const items: Record<string, unknown>[] = [];
  let count = 0;
  let pages = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    count += page.Count ?? 0;
    pages += 1;
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, count, pages };
}

/** Page 1 (newest first) of an app's intents in one status, and their total, the naive way. */
export async function naiveList(
  client: DynamoDBDocumentClient,
  tableName: string,
  appId: string,
  status: string,
  pageSize: number,
): Promise<NaiveList> {
  const filter: Omit<ScanCommandInput, 'TableName'> = {
    FilterExpression: '#entity = :intent AND appId = :app AND #status = :status',
    ExpressionAttributeNames: { '#entity': 'entity', '#status': 'status' },
    ExpressionAttributeValues: { ':intent': 'intent', ':app': appId, ':status': status },
  };
  const list = await scanAll(client, { TableName: tableName, ...filter });
  const counted = await scanAll(client, { TableName: tableName, ...filter, Select: 'COUNT' });
  // Newest first, ties broken by id as our indexes' `<createdAt>#<id>` sort keys do.
  const order = (item: Record<string, unknown>) => `${item.createdAt}#${item.id}`;
  const newestFirst = list.items.sort((a, b) => (order(a) < order(b) ? 1 : order(a) > order(b) ? -1 : 0));
  return {
    items: newestFirst.slice(0, pageSize),
    total: counted.count,
    listPages: list.pages,
    countPages: counted.pages,
  };
}
