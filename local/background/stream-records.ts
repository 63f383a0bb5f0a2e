// The Streams API's side of the local stream pollers: its client, its record in the shape Lambda hands to stream
// consumers, and the consumer's contract (Lambda's partial batch response).
import { DynamoDBStreamsClient, type _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

export type StreamConsumer = (
  records: DynamoDBRecord[],
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] } | undefined>;

export function streamsClientFor(endpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** The Streams API's record in the shape Lambda hands to stream consumers. */
export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      Keys: d.Keys as never,
      NewImage: d.NewImage as never,
      OldImage: d.OldImage as never,
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
      ApproximateCreationDateTime: d.ApproximateCreationDateTime
        ? d.ApproximateCreationDateTime.getTime() / 1000
        : undefined,
    },
  };
}

export const sequenceOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '';

/** The item's partition key: the unit whose changes must reach a consumer in order (an intent, for intents). */
export function partitionKeyOf(record: DynamoDBRecord): string {
  const pk = record.dynamodb?.Keys?.pk;
  if (pk && 'S' in pk && pk.S) return pk.S;
  return sequenceOf(record);
}
