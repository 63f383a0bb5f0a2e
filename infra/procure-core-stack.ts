// The procure-core stack for one stage: the table and the HTTP API in front of one Lambda per route.
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ENV } from '../shared/config';
import { type AdapterConfig, adapterSpec } from '../shared/fulfilment/config';
import { routes } from '../shared/routes';
import { CURSOR_SECRET_ARN_ENV } from '../shared/store/cursor-key';
import { Fulfilment } from './constructs/fulfilment';
import { ProcureApi } from './constructs/http-api';
import { DEFAULT_BALANCE_ALARM_YUAN, JdVop, jdAdapterFor } from './constructs/jd-vop';
import { ListingCounters } from './constructs/listing-counters';
import { Monitoring } from './constructs/monitoring';
import { consoleDomainPrefix, PartnerConsole } from './constructs/partner-console';
import { Store } from './constructs/store';
import { acknowledgeNagFindings } from './nag';
import { type Stage, stageSettings } from './stage';

export interface ProcureCoreStackProps extends StackProps {
  stage: Stage;
  /** Replaces the stage's adapter for some platforms (infra/stage.ts has the defaults); still checked per stage. */
  fulfilmentAdapters?: Partial<AdapterConfig>;
  /** The console build to deploy; defaults to console/dist. */
  consoleDistDir?: string;
}

export class ProcureCoreStack extends Stack {
  readonly store: Store;
  readonly api: ProcureApi;
  readonly fulfilment: Fulfilment;
  readonly appSecretsKey: Key;
  readonly cursorSecret: Secret;
  /** Present when JD is ordered through VOP (context `jdVopSecretArn`). */
  readonly jdVop?: JdVop;
  readonly console: PartnerConsole;

  constructor(scope: Construct, id: string, props: ProcureCoreStackProps) {
    super(scope, id, props);
    const settings = stageSettings(props.stage);
    this.store = new Store(this, 'Store', { retainData: settings.retainData });
    this.api = new ProcureApi(this, 'Api', {
      table: this.store.table,
      logRetention: settings.logRetention,
      retainLogs: settings.retainData,
      throttle: settings.apiThrottle,
      customDomain: customDomainFrom(this),
    });
    // JD through VOP only once its secret is configured (infra/constructs/jd-vop.ts); `cdk synth` shows the choice.
    const jdVopSecretArn: string | undefined = this.node.tryGetContext('jdVopSecretArn');
    const jdAdapter = jdAdapterFor(props.stage, jdVopSecretArn);
    const adapters: AdapterConfig = { ...settings.fulfilmentAdapters, JD: jdAdapter, ...props.fulfilmentAdapters };
    this.fulfilment = new Fulfilment(this, 'Fulfilment', {
      table: this.store.table,
      logRetention: settings.logRetention,
      retainLogs: settings.retainData,
      stage: props.stage,
      adapters,
    });
    if (jdVopSecretArn)
      this.jdVop = new JdVop(this, 'JdVop', {
        table: this.store.table,
        logRetention: settings.logRetention,
        retainLogs: settings.retainData,
        secretArn: jdVopSecretArn,
        placers: [this.fulfilment.consumer, this.fulfilment.watchdog],
        adapters: adapterSpec(adapters),
        balanceAlarmYuan: Number(this.node.tryGetContext('jdVopBalanceAlarmYuan') ?? DEFAULT_BALANCE_ALARM_YUAN),
      });
    new CfnOutput(this, 'JdFulfilmentAdapter', {
      value: jdAdapter,
      description: 'how JD intents are ordered: jd-vop (VOP secret configured), manual or sandbox',
    });
    const counters = new ListingCounters(this, 'Counters', {
      table: this.store.table,
      counters: this.store.counters,
      logRetention: settings.logRetention,
      retainLogs: settings.retainData,
    });

    // Seals each app's signing secret (shared/secrets/box.ts). The apps CLI seals with it; every function that
    // verifies a signature or reads apps through the registry unseals, so only those may decrypt.
    this.appSecretsKey = new Key(this, 'AppSecretsKey', {
      description: 'procure-core app signing secrets (envelope encryption)',
      enableKeyRotation: true,
      removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const signed = routes.filter((route) => route.auth).map((route) => this.api.functions[route.handler]!);
    const registryReaders = this.jdVop ? [this.jdVop.poller] : [];
    for (const fn of [...signed, ...this.fulfilment.secretReaders, ...registryReaders]) {
      this.appSecretsKey.grantDecrypt(fn);
      fn.addEnvironment(ENV.APP_SECRETS_KMS_KEY_ID, this.appSecretsKey.keyArn);
    }

    // Signs list cursors (shared/store/cursor-key.ts). Generated here, never derived from anything public; only the
    // functions that list (the list route, and the watchdog, which runs the list route's query) may read it.
    this.cursorSecret = new Secret(this, 'CursorKey', {
      description: 'procure-core list cursor signing key',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const fn of [this.api.functions['intents-list']!, this.fulfilment.watchdog]) {
      this.cursorSecret.grantRead(fn);
      fn.addEnvironment(CURSOR_SECRET_ARN_ENV, this.cursorSecret.secretArn);
    }
    this.console = new PartnerConsole(this, 'Console', {
      api: this.api,
      table: this.store.table,
      appSecretsKey: this.appSecretsKey,
      retain: settings.retainData,
      domainPrefix: consoleDomainPrefix(this.node.tryGetContext('consoleDomainPrefix'), props.stage),
      ...(props.consoleDistDir ? { distDir: props.consoleDistDir } : {}),
      adapters: adapterSpec(adapters),
    });
    // The operator queue and stuck list page through each app's intents with the list's signed cursors.
    for (const lister of [this.api.functions['console-ops-queue']!, this.api.functions['console-ops-stuck']!]) {
      this.cursorSecret.grantRead(lister);
      lister.addEnvironment(CURSOR_SECRET_ARN_ENV, this.cursorSecret.secretArn);
    }

    // Everything that lists with totals reads the listing counters.
    const listers = [
      ...['intents-list', 'console-intents-list', 'console-ops-queue', 'console-ops-stuck'].map(
        (handler) => this.api.functions[handler]!,
      ),
      this.fulfilment.watchdog,
      ...(this.jdVop ? [this.jdVop.poller] : []),
    ];
    for (const lister of listers) lister.bindCounters(this.store.counters, 'read');

    const background = this.fulfilment;
    const monitoring = new Monitoring(this, 'Monitoring', {
      httpApi: this.api.httpApi,
      functions: {
        ...Object.fromEntries(Object.entries(this.api.functions).map(([name, fn]) => [pascalName(name), fn])),
        FulfilmentConsumer: background.consumer,
        WebhookDispatch: background.dispatch,
        WebhookSender: background.sender,
        FulfilmentWatchdog: background.watchdog,
        ...(this.jdVop ? { JdVopPoller: this.jdVop.poller } : {}),
        ListingCounters: counters.aggregator,
      },
      streamConsumers: {
        FulfilmentConsumer: background.consumer,
        WebhookDispatch: background.dispatch,
        ListingCounters: counters.aggregator,
      },
      deadLetters: {
        FulfilmentStreamFailures: background.deadLetters.streamFailures,
        WebhookDispatchFailures: background.deadLetters.dispatchFailures,
        WebhookDeadLetters: background.deadLetters.webhookDeadLetters,
        CounterStreamFailures: counters.failures,
      },
      webhookSender: background.sender,
      ...alarmDestinationFrom(this, props.stage, settings.requireAlarmDestination),
    });
    this.jdVop?.notify(monitoring.topic);

    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'AppSecretsKeyArn', {
      value: this.appSecretsKey.keyArn,
      description: 'pass to `npm run apps -- create ... --kms-key`',
    });
    new CfnOutput(this, 'TableName', { value: this.store.table.tableName });
    // An operator's "run again" on a stuck JD intent runs the JD adapter too (lookup by thirdOrder first).
    this.jdVop?.placesOrders(this.api.functions['console-ops-retry']!);
    new CfnOutput(this, 'ConsoleUrl', { value: `${this.console.site.origin}/console/` });
    new CfnOutput(this, 'ConsoleUserPoolId', {
      value: this.console.identity.userPool.userPoolId,
      description: 'pass to `npm run accounts -- invite ... --user-pool-id`',
    });
    new CfnOutput(this, 'ConsoleUserPoolClientId', { value: this.console.client.userPoolClientId });
    new CfnOutput(this, 'ConsoleSignInDomain', { value: this.console.identity.signInOrigin });
    if (this.api.domain)
      new CfnOutput(this, 'CustomDomainTarget', {
        value: this.api.domain.regionalDomainName,
        description: 'point the custom domain (CNAME or alias) here',
      });
    acknowledgeNagFindings(this);
  }
}

const pascalName = (handler: string) =>
  handler
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** Context `alarmTopicArn` or `alarmEmail`; a stage that requires one fails synth, saying how to give it. */
function alarmDestinationFrom(
  stack: Stack,
  stage: Stage,
  required: boolean,
): { alarmTopicArn?: string; alarmEmail?: string } {
  const alarmTopicArn: string | undefined = stack.node.tryGetContext('alarmTopicArn') || undefined;
  const alarmEmail: string | undefined = stack.node.tryGetContext('alarmEmail') || undefined;
  if (required && !alarmTopicArn && !alarmEmail)
    throw new Error(
      `the ${stage} stage's alarms must notify someone: add -c alarmEmail=<address> (a new SNS topic with that ` +
        'address subscribed; confirm the mail) or -c alarmTopicArn=arn:aws:sns:<region>:<account>:<topic> ' +
        '(an existing topic), e.g. npx cdk deploy -c stage=prod -c alarmEmail=ops@example.com',
    );
  return { ...(alarmTopicArn ? { alarmTopicArn } : {}), ...(alarmEmail ? { alarmEmail } : {}) };
}

/** Context `domainName` and `certificateArn` together, or neither. */
function customDomainFrom(stack: Stack): { domainName: string; certificateArn: string } | undefined {
  const domainName = stack.node.tryGetContext('domainName');
  const certificateArn = stack.node.tryGetContext('certificateArn');
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn)
    throw new Error('a custom domain needs both -c domainName=... and -c certificateArn=...');
  return { domainName, certificateArn };
}
