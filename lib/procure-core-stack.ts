// The procure-core stack for one stage: the table and the HTTP API in front of one Lambda per route.
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { routes } from '../shared/routes';
import { KMS_KEY_ENV } from '../shared/secrets/box';
import { Fulfilment } from './constructs/fulfilment';
import { ProcureApi } from './constructs/http-api';
import { Monitoring } from './constructs/monitoring';
import { consoleDomainPrefix, PartnerConsole } from './constructs/partner-console';
import { Store } from './constructs/store';
import { acknowledgeNagFindings } from './nag';
import { type Stage, stageSettings } from './stage';

export interface ProcureCoreStackProps extends StackProps {
  stage: Stage;
  /** The console build to deploy; defaults to console/dist. */
  consoleDistDir?: string;
}

export class ProcureCoreStack extends Stack {
  readonly store: Store;
  readonly api: ProcureApi;
  readonly fulfilment: Fulfilment;
  readonly appSecretsKey: Key;
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
    this.fulfilment = new Fulfilment(this, 'Fulfilment', {
      table: this.store.table,
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
    for (const fn of [...signed, ...this.fulfilment.secretReaders]) {
      this.appSecretsKey.grantDecrypt(fn);
      fn.addEnvironment(KMS_KEY_ENV, this.appSecretsKey.keyArn);
    }

    this.console = new PartnerConsole(this, 'Console', {
      api: this.api,
      table: this.store.table,
      appSecretsKey: this.appSecretsKey,
      retain: settings.retainData,
      domainPrefix: consoleDomainPrefix(this.node.tryGetContext('consoleDomainPrefix'), props.stage),
      ...(props.consoleDistDir ? { distDir: props.consoleDistDir } : {}),
    });

    const background = this.fulfilment;
    new Monitoring(this, 'Monitoring', {
      httpApi: this.api.httpApi,
      functions: {
        ...Object.fromEntries(Object.entries(this.api.functions).map(([name, fn]) => [pascalName(name), fn])),
        FulfilmentConsumer: background.consumer,
        WebhookDispatch: background.dispatch,
        WebhookSender: background.sender,
        FulfilmentWatchdog: background.watchdog,
      },
      streamConsumers: { FulfilmentConsumer: background.consumer, WebhookDispatch: background.dispatch },
      deadLetters: {
        FulfilmentStreamFailures: background.deadLetters.streamFailures,
        WebhookDispatchFailures: background.deadLetters.dispatchFailures,
        WebhookDeadLetters: background.deadLetters.webhookDeadLetters,
      },
      webhookSender: background.sender,
      alarmTopicArn: this.node.tryGetContext('alarmTopicArn'),
      alarmEmail: this.node.tryGetContext('alarmEmail'),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'AppSecretsKeyArn', {
      value: this.appSecretsKey.keyArn,
      description: 'pass to `npm run apps -- create ... --kms-key`',
    });
    new CfnOutput(this, 'TableName', { value: this.store.table.tableName });
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

/** Context `domainName` and `certificateArn` together, or neither. */
function customDomainFrom(stack: Stack): { domainName: string; certificateArn: string } | undefined {
  const domainName = stack.node.tryGetContext('domainName');
  const certificateArn = stack.node.tryGetContext('certificateArn');
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn)
    throw new Error('a custom domain needs both -c domainName=... and -c certificateArn=...');
  return { domainName, certificateArn };
}
