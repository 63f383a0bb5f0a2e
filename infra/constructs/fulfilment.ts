// Work that happens after the API answers: the fulfilment consumer on the table's stream, the webhook dispatcher
// (stream → queue), the sender (queue → partner), and the watchdog that retries and counts intents stuck in PROCESSING.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config';
import { type AdapterConfig, adapterSpec, refuseSandboxOutsideDev } from '../../shared/fulfilment/config';
import { deliveriesPk } from '../../shared/store/keys/console';
import { MAX_ATTEMPTS } from '../../shared/webhooks/schedule';
import type { Stage } from '../stage';
import { HandlerFunction } from './handler-function';

export interface FulfilmentProps {
  table: ITable;
  logRetention: RetentionDays;
  retainLogs: boolean;
  stage: Stage;
  /** The adapter of every platform (infra/stage.ts); the consumer gets all of them, so none falls back to a default. */
  adapters: AdapterConfig;
}

const queueDefaults = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true };
const intentItems = { entity: { S: FilterRule.isEqual('intent') } };

export class Fulfilment extends Construct {
  readonly consumer: HandlerFunction;
  readonly dispatch: HandlerFunction;
  readonly sender: HandlerFunction;
  readonly watchdog: HandlerFunction;
  readonly webhooks: Queue;
  /** Where records and messages land once retries are exhausted: each one needs a human. */
  readonly deadLetters: Record<'streamFailures' | 'dispatchFailures' | 'webhookDeadLetters', Queue>;
  /** Functions that read apps through the registry, which unseals their secrets. */
  readonly secretReaders: HandlerFunction[];

  constructor(scope: Construct, id: string, props: FulfilmentProps) {
    super(scope, id);
    const { table, logRetention, retainLogs, stage, adapters } = props;
    // The same check the consumer makes when it starts: a prod stage that would run the sandbox never synthesizes.
    refuseSandboxOutsideDev(adapters, stage);
    const failureQueue = (name: string) =>
      new Queue(this, name, { ...queueDefaults, retentionPeriod: Duration.days(14) });

    // 1. Fulfilment: stream consumer, bisect on error, partial batch responses, on-failure destination.
    const streamFailures = failureQueue('FulfilmentStreamFailures');
    this.consumer = new HandlerFunction(this, 'FulfilmentConsumer', {
      handler: 'fulfilment-consumer',
      logRetention,
      retainLogs,
      timeout: Duration.seconds(30), // > FULFILMENT_ADAPTER_TIMEOUT_MS (10 s) + the writes
      environment: {
        [ENV.FULFILMENT_ADAPTERS]: adapterSpec(adapters),
        [ENV.STAGE]: stage,
        [ENV.FULFILMENT_ADAPTER_TIMEOUT_MS]: '10000',
      },
    }).bindTable(table, 'read-write');
    this.consumer.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(streamFailures),
        // Only intent items that just became SUBMITTED or PROCESSING (or CANCELLED: a platform order may need
        // voiding) wake the function (an optimisation: the consumer ignores other records itself).
        filters: [
          FilterCriteria.filter({
            dynamodb: {
              NewImage: { ...intentItems, status: { S: FilterRule.or('SUBMITTED', 'PROCESSING', 'CANCELLED') } },
            },
          }),
        ],
      }),
    );

    // 2. Webhooks: queue (+ DLQ after MAX_ATTEMPTS receives, i.e. ≥ 24 h of backoff), dispatcher, sender.
    const webhookDeadLetters = failureQueue('WebhookDeadLetters');
    this.webhooks = new Queue(this, 'Webhooks', {
      ...queueDefaults,
      retentionPeriod: Duration.days(4), // longer than the ~27 h the retry schedule spans
      visibilityTimeout: Duration.seconds(90), // 6 × the sender's timeout, as AWS advises for SQS sources
      deadLetterQueue: { queue: webhookDeadLetters, maxReceiveCount: MAX_ATTEMPTS },
    });
    const queueEnv = { [ENV.WEBHOOK_QUEUE_URL]: this.webhooks.queueUrl };
    this.dispatch = new HandlerFunction(this, 'WebhookDispatch', {
      handler: 'webhook-dispatch',
      logRetention,
      retainLogs,
      environment: queueEnv,
    }).bindTable(table, 'read');
    this.webhooks.grantSendMessages(this.dispatch);
    const dispatchFailures = failureQueue('WebhookDispatchFailures');
    this.dispatch.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(dispatchFailures),
        filters: [
          FilterCriteria.filter({ eventName: FilterRule.isEqual('MODIFY'), dynamodb: { NewImage: intentItems } }),
        ],
      }),
    );
    this.sender = new HandlerFunction(this, 'WebhookSender', {
      handler: 'webhook-sender',
      logRetention,
      retainLogs,
      timeout: Duration.seconds(15), // 5 s per delivery, a batch in parallel
      environment: queueEnv,
    }).bindTable(table, 'read');
    // Each attempt updates its delivery record (the console's deliveries page), and nothing else in the table.
    this.sender.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [deliveriesPk('*')] } },
      }),
    );
    this.webhooks.grantConsumeMessages(this.sender); // includes ChangeMessageVisibility: postpones failed messages
    this.sender.addEventSource(new SqsEventSource(this.webhooks, { batchSize: 10, reportBatchItemFailures: true }));

    // 3. Stuck PROCESSING: every 15 minutes the watchdog retries intents stuck without a platform order on adapters
    // that look their order up first (the consumer's own step, so it writes like the consumer), then publishes what
    // is still stuck as StuckProcessingIntents (EMF, namespace procure-core).
    this.watchdog = new HandlerFunction(this, 'FulfilmentWatchdog', {
      handler: 'fulfilment-watchdog',
      logRetention,
      retainLogs,
      timeout: Duration.minutes(2), // > 5 retries × FULFILMENT_ADAPTER_TIMEOUT_MS (10 s) + the queries
      environment: {
        [ENV.STUCK_PROCESSING_MINUTES]: '60',
        [ENV.FULFILMENT_ADAPTERS]: adapterSpec(adapters),
        [ENV.STAGE]: stage,
        [ENV.FULFILMENT_ADAPTER_TIMEOUT_MS]: '10000',
      },
    }).bindTable(table, 'read-write');
    new Rule(this, 'FulfilmentWatchdogSchedule', {
      schedule: Schedule.rate(Duration.minutes(15)),
      targets: [new LambdaFunction(this.watchdog)],
    });

    this.deadLetters = { streamFailures, dispatchFailures, webhookDeadLetters };
    this.secretReaders = [this.dispatch, this.sender, this.watchdog];
  }
}
