// The listing counters' stream consumer: list totals follow the table's stream, off the request path
// (shared/counters/aggregate.ts). One function, its event source mapping and the queue of records it gave up on.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function';

export interface ListingCountersProps {
  table: ITable;
  /** Where the counters are kept (infra/constructs/store.ts). */
  counters: ITable;
  logRetention: RetentionDays;
  retainLogs: boolean;
}

const isIntent = { entity: { S: FilterRule.isEqual('intent') } };

export class ListingCounters extends Construct {
  readonly aggregator: HandlerFunction;
  /** Records the aggregator gave up on: the counters they move are short until an operator recounts. */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: ListingCountersProps) {
    super(scope, id);
    this.failures = new Queue(this, 'CounterStreamFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.aggregator = new HandlerFunction(this, 'ListingCounters', {
      handler: 'listing-counters',
      logRetention: props.logRetention,
      retainLogs: props.retainLogs,
      timeout: Duration.seconds(30),
    })
      // The stream's table: read only (its records arrive through the mapping). The counters: written.
      .bindTable(props.table, 'read')
      .bindCounters(props.counters, 'read-write');
    this.aggregator.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        // Large batches aggregate more deltas per counter item; a 1 s window bounds how late a total can be.
        batchSize: 500,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        // A dropped record would leave a total wrong, so it is retried for the stream's whole retention.
        retryAttempts: 10000,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.failures),
        // Only intents move counters: an insert or change (new image) or a deletion (old image only).
        filters: [
          FilterCriteria.filter({ dynamodb: { NewImage: isIntent } }),
          FilterCriteria.filter({ eventName: FilterRule.isEqual('REMOVE'), dynamodb: { OldImage: isIntent } }),
        ],
      }),
    );
  }
}
