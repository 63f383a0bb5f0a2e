// The DynamoDB reads behind listing, each metered: every call asks for ReturnConsumedCapacity so a list call
// knows (and the benchmark reports) exactly how many read units it cost.
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { countersTableNameOf } from '../table';
import type { ListedIntent } from './listing-items';
import { byCounterItem, type CounterKey, counterId, countsIn, pkAttribute, skAttribute } from './listing-keys';

/** Sorts after every character of an id, so `<value>#~` bounds all sort keys that start with `<value>#`. */
export const KEY_END = '~';

export interface KeyRange {
  /** Inclusive sort-key bounds. */
  from?: string;
  to?: string;
}

export class ListingReader {
  readUnits = 0;
  calls = 0;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Where the counters are: the table's counters table (shared/table.ts). */
    private readonly countersTable: string = countersTableNameOf(tableName),
  ) {}

  private async query(input: Omit<QueryCommandInput, 'TableName'>) {
    const out = await this.client.send(
      new QueryCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' }),
    );
    this.calls += 1;
    this.readUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
    return out;
  }

  private keyCondition(indexName: string, partition: string, range: KeyRange) {
    const names: Record<string, string> = { '#pk': pkAttribute(indexName) };
    const values: Record<string, string> = { ':pk': partition };
    let condition = '#pk = :pk';
    if (range.from !== undefined || range.to !== undefined) names['#sk'] = skAttribute(indexName);
    if (range.from !== undefined && range.to !== undefined) {
      condition += ' AND #sk BETWEEN :from AND :to';
      Object.assign(values, { ':from': range.from, ':to': range.to });
    } else if (range.from !== undefined) {
      condition += ' AND #sk >= :from';
      values[':from'] = range.from;
    } else if (range.to !== undefined) {
      condition += ' AND #sk <= :to';
      values[':to'] = range.to;
    }
    return { KeyConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
  }

  /**
   * Up to `limit` items of one partition in index order, resuming after `start`. Returns the items and where to
   * resume (undefined when the partition is exhausted).
   */
  async page(
    indexName: string,
    partition: string,
    range: KeyRange,
    ascending: boolean,
    limit: number,
    start?: Record<string, unknown>,
  ): Promise<{ rows: (ListedIntent & Record<string, string>)[]; next?: Record<string, unknown> }> {
    if (range.from !== undefined && range.to !== undefined && range.from > range.to) return { rows: [] };
    const out = await this.query({
      IndexName: indexName,
      ...this.keyCondition(indexName, partition, range),
      ScanIndexForward: ascending,
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    return { rows: (out.Items ?? []) as (ListedIntent & Record<string, string>)[], next: out.LastEvaluatedKey };
  }

  /** createdAt of a partition's first (asc) or last (desc) intent: one item read. */
  async edge(indexName: string, partition: string, order: 'asc' | 'desc'): Promise<string | undefined> {
    const { rows } = await this.page(indexName, partition, {}, order === 'asc', 1);
    return rows[0]?.createdAt;
  }

  /** Intents of a partition created within [from, to]: only ever asked for sub-hour slices. */
  async countRange(indexName: string, partition: string, from: string, to: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.query({
        IndexName: indexName,
        ...this.keyCondition(indexName, partition, { from, to: `${to}#${KEY_END}` }),
        Select: 'COUNT',
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return count;
  }

  /** Counts, 0 for counts never written; their items read with BatchGet in chunks of 100, retrying unprocessed keys.
   * A range's months share one item, a day's hours another, so the items read are fewer than the counts. */
  async counters(keys: CounterKey[]): Promise<number[]> {
    const items = byCounterItem(keys).map(([k]) => ({ pk: k!.pk, sk: k!.sk }));
    const values = new Map<string, number>();
    for (let i = 0; i < items.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = items.slice(i, i + 100);
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(200, 10 * 2 ** attempt)));
        const out = await this.client.send(
          new BatchGetCommand({
            RequestItems: { [this.countersTable]: { Keys: pending } },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        this.calls += 1;
        this.readUnits += (out.ConsumedCapacity ?? []).reduce((a, c) => a + (c.CapacityUnits ?? 0), 0);
        for (const item of out.Responses?.[this.countersTable] ?? [])
          for (const [key, n] of countsIn(item)) values.set(counterId(key), n);
        pending = out.UnprocessedKeys?.[this.countersTable]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return keys.map((k) => values.get(counterId(k)) ?? 0);
  }
}
