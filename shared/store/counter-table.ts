// The listing counters' table on DynamoDB (shared/table.ts `countersTable`): one TransactWriteItems per chunk, the
// intents' dedupe markers first (conditional on being below the version they move to), then one update per counter
// item, ADDing to each of its counts the chunk moves. A failed marker condition means that record was counted
// already; its index goes back to the aggregator, which drops it.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterTable, MarkerWrite } from '../counters/aggregate';
import { countersTableName, documentClient } from './client';
import { countedMarkerKey } from './keys/intent';
import { byCounterItem, type CounterDelta } from './listing-keys';
import { cancellationCodes } from './transaction';

/** A deleted intent's marker outlives the stream's 24 h retention, then expires (seconds). */
const DELETED_MARKER_TTL_S = 48 * 3600;

type Sender = Pick<ReturnType<typeof documentClient>, 'send'>;

/** A marker's move as a transaction item (the recount tool sends it on its own). */
export function markerUpdate(tableName: string, marker: MarkerWrite, nowS: number) {
  // `:f` is the first version this write counts (several changes of one intent counted together; usually `:v`).
  const values: Record<string, unknown> = {
    ':v': marker.version,
    ':f': marker.from ?? marker.version,
    ':e': 'intent-counted',
  };
  let set = '#v = :v, #e = :e';
  if (marker.deleted) {
    set += ', expiresAt = :x';
    values[':x'] = nowS + DELETED_MARKER_TTL_S;
  }
  return {
    Update: {
      TableName: tableName,
      Key: countedMarkerKey(marker.intentId),
      UpdateExpression: `SET ${set}`,
      ConditionExpression: 'attribute_not_exists(#v) OR #v < :f',
      ExpressionAttributeNames: { '#v': 'countedVersion', '#e': 'entity' },
      ExpressionAttributeValues: values,
    },
  };
}

/** One update per counter item: `ADD #c0 :d0, #c1 :d1 ...` over the item's counts that move. */
function counterAdds(tableName: string, deltas: CounterDelta[]) {
  return byCounterItem(deltas).map((counts) => {
    const names: Record<string, string> = { '#e': 'entity' };
    const values: Record<string, unknown> = { ':e': 'counter' };
    const adds = counts.map((d, i) => {
      names[`#c${i}`] = d.attribute;
      values[`:d${i}`] = d.delta;
      return `#c${i} :d${i}`;
    });
    return {
      Update: {
        TableName: tableName,
        Key: { pk: counts[0]!.pk, sk: counts[0]!.sk },
        UpdateExpression: `ADD ${adds.join(', ')} SET #e = :e`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}

export function dynamoCounterTable(
  client: Sender = documentClient(),
  tableName: string = countersTableName(),
): CounterTable {
  return {
    async commit(markers, deltas) {
      const nowS = Math.floor(Date.now() / 1000);
      const items = [...markers.map((m) => markerUpdate(tableName, m, nowS)), ...counterAdds(tableName, deltas)];
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return { committed: true };
      } catch (error) {
        const codes = cancellationCodes(error);
        const duplicates: number[] = [];
        codes?.forEach((code, i) => {
          if (code === 'ConditionalCheckFailed' && i < markers.length) duplicates.push(i);
        });
        if (duplicates.length) return { committed: false, duplicates };
        throw error;
      }
    },
  };
}
