// A TransactWriteItems' write units, corrected, because DynamoDB Local gets both parts wrong.
// Table: for a 35-item create it reports 6 (it seems to count only the Put and Delete actions); DynamoDB's published
// rule is two write units per KB, rounded up per item, for every item the transaction writes, a Put or Update charged
// on the larger of the item before and after, a Delete on the item it removes. Computed here; item sizes come from
// DynamoDB Local itself: each image is put into a sizing table with no indexes, whose reported units are that item's
// ceil(size / 1 KB).
// Indexes: Local doubles them like the table (2 per index entry, 4 when an entry moves). Measured against DynamoDB
// (nubo-db/dynoxide PR #188, conformance captures in eu-west-2, 2026-08), the doubling applies to the table alone:
// an index write inside a transaction costs what it costs outside one. `indexUnits` halves Local's figures. This is a
// third party's measurement, not AWS documentation; undoing the halving raises a create by 10 write units.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { table } from '../../shared/table';
import { createKeyOnlyTable } from './key-table';

type Key = Record<string, unknown>;
type Image = Record<string, unknown> | undefined;

/** Local's GSI units of a transaction, as DynamoDB charges them (see the top of this file). */
export function indexUnits(reported: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(reported).map(([name, units]) => [name, units / 2]));
}

/** The items a transaction touches: table and key of each action. */
function targets(input: TransactWriteCommandInput): { tableName: string; key: Key }[] {
  return (input.TransactItems ?? []).map((action) => {
    if (action.Put) {
      const item = action.Put.Item ?? {};
      return {
        tableName: action.Put.TableName!,
        key: { [table.partitionKey]: item[table.partitionKey], [table.sortKey]: item[table.sortKey] },
      };
    }
    const keyed = action.Update ?? action.Delete ?? action.ConditionCheck;
    return { tableName: keyed!.TableName!, key: keyed!.Key! };
  });
}

/**
 * Sizes transactions with a client of its own (never the metered one) and a sizing table it creates.
 * `before(input)` reads the images a transaction will change; `after()` reads them again once it succeeded and
 * returns the table's write units.
 */
export async function transactionSizer(client: DynamoDBClient, sizingTable: string) {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await createKeyOnlyTable(client, sizingTable);
  const read = (t: { tableName: string; key: Key }): Promise<Image> =>
    doc.send(new GetCommand({ TableName: t.tableName, Key: t.key, ConsistentRead: true })).then((out) => out.Item);
  /** ceil(size / 1 KB) of an item, as DynamoDB Local reports it for a standalone put; 0 for no item. */
  const kilobytes = async (image: Image): Promise<number> => {
    if (!image) return 0;
    const out = await doc.send(
      new PutCommand({ TableName: sizingTable, Item: image, ReturnConsumedCapacity: 'TOTAL' }),
    );
    return out.ConsumedCapacity?.CapacityUnits ?? Number.NaN;
  };

  return {
    async before(input: TransactWriteCommandInput) {
      const touched = targets(input);
      const befores = await Promise.all(touched.map(read));
      return {
        async after(): Promise<number> {
          const afters = await Promise.all(touched.map(read));
          let units = 0;
          for (let n = 0; n < touched.length; n++) {
            // Sequential: before and after of one item share a key in the sizing table.
            const larger = Math.max(await kilobytes(befores[n]), await kilobytes(afters[n]));
            units += 2 * Math.max(1, larger);
          }
          return units;
        },
      };
    },
  };
}
