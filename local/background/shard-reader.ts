// Reads one shard of the table's stream into its lanes, from where its consumer got to (the checkpoint), or from the
// oldest record the stream still holds. A failed read drops the iterator (it may have expired) and the next read
// reopens the shard right after the last record fetched, so nothing is skipped or read twice by the reader.
import {
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { CheckpointStore } from './checkpoints';
import type { KeyLanes } from './key-lanes';
import { toLambdaRecord } from './stream-records';

export interface ShardReaderOptions {
  name: string;
  streams: DynamoDBStreamsClient;
  streamArn: string;
  shardId: string;
  checkpoints: CheckpointStore;
  lanes: KeyLanes;
  /** Records per GetRecords call. */
  limit: number;
  report: (message: string, error: unknown) => void;
}

export interface ShardReader {
  /** Fetches the next records into the lanes; resolves to how many there were. */
  fetch(): Promise<number>;
  /** The shard is closed and every record in it has been fetched. */
  readonly readToEnd: boolean;
}

export function shardReader(options: ShardReaderOptions): ShardReader {
  const { streams, streamArn, shardId } = options;
  let iterator: string | undefined;
  let lastFetched: string | undefined;
  let readToEnd = false;

  async function iteratorAt(type: ShardIteratorType, sequenceNumber?: string): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        SequenceNumber: sequenceNumber,
      }),
    );
    return ShardIterator;
  }

  async function open(): Promise<string | undefined> {
    const after = lastFetched ?? options.checkpoints.get(shardId);
    if (!after) return iteratorAt('TRIM_HORIZON');
    try {
      return await iteratorAt('AFTER_SEQUENCE_NUMBER', after);
    } catch (error) {
      // The position fell out of the stream's retention: start from what is left.
      options.report(`${options.name}: position in ${shardId} unusable, reading from the oldest record`, error);
      return iteratorAt('TRIM_HORIZON');
    }
  }

  return {
    get readToEnd() {
      return readToEnd;
    },
    async fetch() {
      if (readToEnd) return 0;
      iterator ??= await open();
      if (!iterator) {
        readToEnd = true;
        return 0;
      }
      let answer: GetRecordsCommandOutput;
      try {
        answer = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: options.limit }));
      } catch (error) {
        iterator = undefined;
        throw error;
      }
      const records = answer.Records ?? [];
      iterator = answer.NextShardIterator;
      if (!iterator) readToEnd = true;
      if (records.length > 0) {
        lastFetched = records.at(-1)!.dynamodb?.SequenceNumber ?? lastFetched;
        options.lanes.push(records.map((record) => toLambdaRecord(record, streamArn)));
      }
      return records.length;
    },
  };
}
