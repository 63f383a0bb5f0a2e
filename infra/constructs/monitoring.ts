// Alarms and a dashboard for what a platform team pages on: 5xx rate, p99 latency, throttles, stream lag, work that
// landed in a dead-letter queue, failing webhook delivery, intents stuck in PROCESSING. Optional SNS notification.
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MonitoringProps {
  httpApi: HttpApi;
  /** Every function, by a readable name. */
  functions: Record<string, IFunction>;
  /** Stream consumers: their iterator age is how far behind the table they are. */
  streamConsumers: Record<string, IFunction>;
  deadLetters: Record<string, IQueue>;
  webhookSender: IFunction;
  /** Existing topic to notify (context `alarmTopicArn`), or an address to subscribe to a new one (`alarmEmail`). */
  alarmTopicArn?: string;
  alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];
  readonly topic?: ITopic;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    if (props.alarmTopicArn) this.topic = Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn);
    else if (props.alarmEmail) {
      const topic = new Topic(this, 'AlarmTopic', { displayName: 'procure-core alarms', enforceSSL: true });
      topic.addSubscription(new EmailSubscription(props.alarmEmail));
      this.topic = topic;
    }

    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, name, {
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      if (this.topic) created.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(created);
      return created;
    };

    const api = props.httpApi;
    const serverErrorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
        requests: api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
      },
      label: '5xx %',
      period: FIVE_MINUTES,
    });
    alarm('Api5xxRate', serverErrorRate, 1, 'More than 1% of API requests answered 5xx over 5 minutes');
    const p99 = api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });
    alarm('ApiLatencyP99', p99, 1000, 'API p99 latency above 1 s over 5 minutes');

    for (const [name, fn] of Object.entries(props.functions))
      alarm(`${name}Throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 0, `${name} throttled`);

    for (const [name, fn] of Object.entries(props.streamConsumers)) {
      const age = fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' });
      alarm(`${name}IteratorAge`, age, 5 * 60 * 1000, `${name} is more than 5 minutes behind the table stream`);
    }
    for (const [name, queue] of Object.entries(props.deadLetters)) {
      const depth = queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' });
      alarm(`${name}Depth`, depth, 0, `${name} holds messages: retries are exhausted, someone must look`);
    }
    const senderErrors = props.webhookSender.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
    alarm('WebhookSenderErrors', senderErrors, 0, 'The webhook sender failed (beyond per-delivery retries)');
    const stuck = new Metric({
      namespace: 'procure-core',
      metricName: 'StuckProcessingIntents',
      statistic: 'Maximum',
      period: Duration.minutes(15),
    });
    alarm('StuckProcessing', stuck, 0, 'Intents stuck in PROCESSING (see the watchdog log for which)');

    new Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new GraphWidget({ title: 'API 5xx %', left: [serverErrorRate] }),
          new GraphWidget({ title: 'API latency p99', left: [p99] }),
          new GraphWidget({
            title: 'Stream iterator age',
            left: Object.values(props.streamConsumers).map((fn) => fn.metric('IteratorAge', { statistic: 'Maximum' })),
          }),
        ],
        [
          new GraphWidget({
            title: 'Dead-letter depth',
            left: Object.values(props.deadLetters).map((q) => q.metricApproximateNumberOfMessagesVisible()),
          }),
          new GraphWidget({ title: 'Webhook sender errors', left: [senderErrors] }),
          new GraphWidget({ title: 'Stuck PROCESSING intents', left: [stuck] }),
        ],
      ],
    });
  }
}
