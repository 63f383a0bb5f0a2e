// JD orders through VOP, only when the platform team has configured the account: the secret holding the VOP
// settings (context `jdVopSecretArn`), read by the functions that place orders (the fulfilment consumer, the
// watchdog's retry) and a poller that runs every minute (delivery messages, the balance metric, the retry of JD
// intents stuck without a JD order), and an alarm when the balance falls below `jdVopBalanceAlarmYuan`. Without the secret, JD is not ordered automatically.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config';
import type { Stage } from '../stage';
import { HandlerFunction } from './handler-function';

export const DEFAULT_BALANCE_ALARM_YUAN = 10_000;

/** Which adapter orders JD on a stage: jd-vop once its secret is configured; otherwise people (prod) or the
 * sandbox (dev). Production never uses the sandbox. */
export function jdAdapterFor(stage: Stage, secretArn: string | undefined): 'jd-vop' | 'manual' | 'sandbox' {
  if (secretArn) return 'jd-vop';
  return stage === 'prod' ? 'manual' : 'sandbox';
}

export interface JdVopProps {
  table: ITable;
  logRetention: RetentionDays;
  retainLogs: boolean;
  secretArn: string;
  /** The functions that run the fulfilment step (the stream consumer, the watchdog's retry): they place orders, so
   * they read the secret too. */
  placers: HandlerFunction[];
  /** The consumer's FULFILMENT_ADAPTERS, repeated for the poller's redrive. */
  adapters: string;
  balanceAlarmYuan: number;
}

export class JdVop extends Construct {
  readonly secret: ISecret;
  readonly poller: HandlerFunction;
  readonly balanceAlarm: Alarm;

  constructor(scope: Construct, id: string, props: JdVopProps) {
    super(scope, id);
    this.secret = Secret.fromSecretCompleteArn(this, 'Settings', props.secretArn);
    const settingsEnv = { JD_VOP_SECRET_ARN: props.secretArn };
    for (const fn of props.placers) this.placesOrders(fn);

    this.poller = new HandlerFunction(this, 'JdVopPoller', {
      handler: 'jd-vop-poller',
      logRetention: props.logRetention,
      retainLogs: props.retainLogs,
      timeout: Duration.seconds(50), // under the one-minute schedule, so two runs never overlap for long
      environment: {
        ...settingsEnv,
        FULFILMENT_ADAPTERS: props.adapters,
        FULFILMENT_ADAPTER_TIMEOUT_MS: '10000',
        JD_VOP_REDRIVE_MINUTES: '10',
      },
    }).bindTable(props.table, 'read-write');
    this.secret.grantRead(this.poller);
    new Rule(this, 'JdVopPollerSchedule', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.poller)],
    });

    this.balanceAlarm = new Alarm(this, 'JdVopBalanceLow', {
      metric: new Metric({
        namespace: 'procure-core',
        metricName: 'JdVopBalanceYuan',
        statistic: 'Minimum',
        period: Duration.minutes(5),
      }),
      threshold: props.balanceAlarmYuan,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No datapoint means the poller could not read the balance: as urgent as a low one.
      treatMissingData: TreatMissingData.BREACHING,
      alarmDescription: `JD VOP account balance below ${props.balanceAlarmYuan} yuan (or unreadable): top it up before orders wait`,
    });
  }

  /** Lets a function run the JD adapter: the settings' secret, named and readable (created after this construct:
   * the operators' "run again" in the console). */
  placesOrders(fn: HandlerFunction): void {
    fn.addEnvironment(ENV.JD_VOP_SECRET_ARN, this.secret.secretArn);
    this.secret.grantRead(fn);
  }

  notify(topic: ITopic | undefined): void {
    if (topic) this.balanceAlarm.addAlarmAction(new SnsAction(topic));
  }
}
