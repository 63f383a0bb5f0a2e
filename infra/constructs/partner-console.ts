// The partner console on AWS, put together: the Cognito identity, the console routes behind API Gateway's JWT
// authorizer (issuer = the pool, audience = the console's client), the site on CloudFront, config.json, and what
// each console function may do beyond the table.
import { Aws } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config';
import type { ConsoleHandlerName, OpsHandlerName } from '../../shared/routes';
import { ConsoleIdentity } from './console-identity';
import { ConsoleSite } from './console-site';
import type { ProcureApi } from './http-api';

/** Console functions that seal a new app secret (KMS GenerateDataKey). */
export const SEALING_CONSOLE_HANDLERS: readonly ConsoleHandlerName[] = [
  'console-apps-create',
  'console-secrets-rotate',
];
/** Console functions that open an app secret to sign a webhook (KMS Decrypt). */
export const OPENING_CONSOLE_HANDLERS: readonly (ConsoleHandlerName | OpsHandlerName)[] = [
  'console-webhook-test',
  'console-deliveries-redeliver',
  'console-ops-redrive',
];
/** Operator functions that read which adapter serves each platform (the consumer's FULFILMENT_ADAPTERS): the queue
 * shows the manual platforms, the retry runs the adapter (for JD VOP the stack also hands it the VOP secret). */
export const ADAPTER_CONSOLE_HANDLERS: readonly OpsHandlerName[] = ['console-ops-queue', 'console-ops-retry'];
/** The console functions that create sign-in accounts (Cognito AdminCreateUser): an owner's invite, an operator's
 * new organisation. */
export const INVITING_CONSOLE_HANDLERS: readonly (ConsoleHandlerName | OpsHandlerName)[] = [
  'console-team-invite',
  'console-ops-org-create',
];

export interface PartnerConsoleProps {
  api: ProcureApi;
  table: ITable;
  appSecretsKey: IKey;
  retain: boolean;
  /** Managed-login domain prefix; unique per region. */
  domainPrefix: string;
  /** Where the console build is; defaults to console/dist (tests point elsewhere). */
  distDir?: string;
  /** The fulfilment consumer's FULFILMENT_ADAPTERS: the operator queue shows the manual platforms' intents. */
  adapters: string;
}

export class PartnerConsole extends Construct {
  readonly identity: ConsoleIdentity;
  readonly site: ConsoleSite;
  readonly client: UserPoolClient;
  /** False when console/dist had no build at synth: only config.json is deployed. */
  readonly deploysBuild: boolean;

  constructor(scope: Construct, id: string, props: PartnerConsoleProps) {
    super(scope, id);
    this.identity = new ConsoleIdentity(this, 'Identity', { retain: props.retain, domainPrefix: props.domainPrefix });
    this.site = new ConsoleSite(this, 'Site', {
      retain: props.retain,
      apiEndpoint: props.api.httpApi.apiEndpoint,
      issuer: this.identity.issuer,
      signInOrigin: this.identity.signInOrigin,
      ...(props.distDir ? { distDir: props.distDir } : {}),
    });
    this.client = this.identity.addConsoleClient(this.site.origin);

    props.api.addConsoleRoutes(
      props.table,
      new HttpUserPoolAuthorizer('ConsoleJwt', this.identity.userPool, {
        userPoolClients: [this.client],
        identitySource: ['$request.header.Authorization'],
      }),
    );
    const fn = (handler: ConsoleHandlerName | OpsHandlerName) => {
      const found = props.api.consoleFunctions[handler];
      if (!found) throw new Error(`no console function ${handler}`);
      return found;
    };
    for (const handler of SEALING_CONSOLE_HANDLERS) {
      props.appSecretsKey.grant(fn(handler), 'kms:GenerateDataKey');
      fn(handler).addEnvironment(ENV.APP_SECRETS_KMS_KEY_ID, props.appSecretsKey.keyArn);
    }
    for (const handler of OPENING_CONSOLE_HANDLERS) {
      props.appSecretsKey.grantDecrypt(fn(handler));
      fn(handler).addEnvironment(ENV.APP_SECRETS_KMS_KEY_ID, props.appSecretsKey.keyArn);
    }
    for (const handler of ADAPTER_CONSOLE_HANDLERS) fn(handler).addEnvironment('FULFILMENT_ADAPTERS', props.adapters);
    for (const handler of INVITING_CONSOLE_HANDLERS) {
      this.identity.userPool.grant(fn(handler), 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser');
      fn(handler).addEnvironment(ENV.USER_POOL_ID, this.identity.userPool.userPoolId);
    }

    this.deploysBuild = this.site.deploy({
      authority: this.identity.issuer,
      clientId: this.client.userPoolClientId,
      redirectPath: '/console/callback',
      apiBase: '',
      locale: 'zh-CN',
      scope: 'openid email profile',
      // Cognito's discovery has no end_session_endpoint; its logout lives on the managed-login domain.
      metadataSeed: { end_session_endpoint: `${this.identity.signInOrigin}/logout` },
    });
  }
}

/** Context `consoleDomainPrefix`, or one made unique by stage and account. */
export function consoleDomainPrefix(context: unknown, stage: string): string {
  if (typeof context === 'string' && context) return context;
  return `procure-core-${stage}-${Aws.ACCOUNT_ID}`;
}
