// What one stream record does to the listing counters: the net counter deltas between the intent's old and new
// image, and the version the change leads to (the dedupe marker's value). Pure: no AWS calls.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { intentOf } from '../fulfilment/stream-record';
import { type CounterDelta, counterDeltas } from '../store/listing-keys';

type Image = Record<string, AttributeValue>;

export interface CounterChange {
  /** The record's sequence number: what a partial batch response names. */
  sequenceNumber: string;
  intentId: string;
  /** The version this change leads to; a deletion leads to one past the deleted version. */
  version: number;
  deleted: boolean;
  deltas: CounterDelta[];
}

/**
 * The counter change a record carries, or undefined when it moves no counter (not an intent, or an edit of
 * fields no counter depends on). Deltas come from the record's own two images, so applying every record once,
 * in any order across intents, sums to the counters of the final state.
 */
export function counterChangeOf(record: DynamoDBRecord): CounterChange | undefined {
  const before = intentOf(record.dynamodb?.OldImage as Image | undefined) ?? null;
  const after =
    record.eventName === 'REMOVE' ? null : (intentOf(record.dynamodb?.NewImage as Image | undefined) ?? null);
  const intent = after ?? before;
  if (!intent) return undefined;
  const deltas = counterDeltas(before, after);
  if (deltas.length === 0) return undefined;
  return {
    sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
    intentId: intent.id,
    version: after ? after.version : intent.version + 1,
    deleted: after === null,
    deltas,
  };
}
