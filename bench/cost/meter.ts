// Meters what DynamoDB says every call consumed: a middleware, added to the store's client in the bench only, asks
// each command for ReturnConsumedCapacity INDEXES and records the ConsumedCapacity it answers with. Production code
// never asks (except the listing reader, which meters itself), so the bench sees exactly the calls handlers make.
// The one exception to "as reported": TransactWriteItems, whose units are corrected (transaction.ts).
import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { indexUnits, type transactionSizer } from './transaction';

/** Commands whose input takes ReturnConsumedCapacity. */
const METERED = new Set([
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactGetItemsCommand',
  'TransactWriteItemsCommand',
]);

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);

export interface MeteredCall {
  command: string;
  /** Read or write request units, whichever the command consumes, summed over tables and indexes. */
  units: number;
  kind: 'read' | 'write';
  /** Units charged to the table itself and to each GSI (DynamoDB reports them apart with INDEXES). */
  table: number;
  indexes: Record<string, number>;
  /** False when DynamoDB returned no ConsumedCapacity for a command that asked for it. */
  reported: boolean;
  /** A transaction: table part computed, index part corrected (transaction.ts), not as DynamoDB Local said. */
  tableComputed: boolean;
  /** Time the meter itself spent on this call (sizing a transaction), to leave out of the request's time. */
  meterMs: number;
  /** The call failed (a refused condition still consumes write units on AWS). */
  failed: boolean;
}

function summed(capacities: ConsumedCapacity[]) {
  let table = 0;
  const indexes: Record<string, number> = {};
  for (const c of capacities) {
    table += c.Table?.CapacityUnits ?? 0;
    for (const [name, index] of Object.entries(c.GlobalSecondaryIndexes ?? {}))
      indexes[name] = (indexes[name] ?? 0) + (index.CapacityUnits ?? 0);
    for (const [name, index] of Object.entries(c.LocalSecondaryIndexes ?? {}))
      indexes[name] = (indexes[name] ?? 0) + (index.CapacityUnits ?? 0);
  }
  const units = capacities.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  return { units, table, indexes };
}

function asList(value: unknown): ConsumedCapacity[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value as ConsumedCapacity];
}

type Sizer = Awaited<ReturnType<typeof transactionSizer>>;

/** Installs the meter on `client` (and so on every DocumentClient built from it); `take()` returns and clears. */
export function meter(client: DynamoDBClient, sizer: Sizer) {
  let calls: MeteredCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!METERED.has(command)) return next(args);
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = 'INDEXES';
      const kind = READS.has(command) ? 'read' : 'write';
      const transaction = command === 'TransactWriteItemsCommand';
      let meterMs = 0;
      const timed = async <T>(work: () => Promise<T>): Promise<T> => {
        const t0 = performance.now();
        try {
          return await work();
        } finally {
          meterMs += performance.now() - t0;
        }
      };
      const sizing = transaction ? await timed(() => sizer.before(args.input as TransactWriteCommandInput)) : undefined;
      try {
        const answer = await next(args);
        const output = answer.output as { ConsumedCapacity?: unknown };
        const reported = output.ConsumedCapacity !== undefined;
        const units = summed(asList(output.ConsumedCapacity));
        if (sizing) {
          units.table = await timed(() => sizing.after());
          units.indexes = indexUnits(units.indexes);
          units.units = units.table + Object.values(units.indexes).reduce((a, b) => a + b, 0);
        }
        calls.push({ command, kind, reported, tableComputed: transaction, failed: false, meterMs, ...units });
        return answer;
      } catch (error) {
        // Failed calls carry no ConsumedCapacity in their error; recorded so a run can say how many there were.
        calls.push({
          command,
          kind,
          reported: false,
          tableComputed: false,
          failed: true,
          meterMs,
          units: 0,
          table: 0,
          indexes: {},
        });
        throw error;
      }
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  return {
    take(): MeteredCall[] {
      const taken = calls;
      calls = [];
      return taken;
    },
  };
}
