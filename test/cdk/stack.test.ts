// The stack is built from the route table and the table definition: these tests hold CDK to both.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableAccess } from '../../infra/access';
import { PROJECT_ROOT } from '../../infra/constructs/handler-function';
import { OPENING_CONSOLE_HANDLERS, SEALING_CONSOLE_HANDLERS } from '../../infra/constructs/partner-console';
import { ProcureCoreStack } from '../../infra/procure-core-stack';
import { stageFrom } from '../../infra/stage';
import { bearerRoutes, CATCH_ALL_HANDLER, routes } from '../../shared/routes';
import { KMS_KEY_ENV } from '../../shared/secrets/box';
import { CURSOR_SECRET_ARN_ENV } from '../../shared/store/cursor-key';
import { countersTable, table } from '../../shared/table';
import { MAX_ATTEMPTS } from '../../shared/webhooks/schedule';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Resource = { Properties: Record<string, any> };

const BACKGROUND_HANDLERS = [
  'fulfilment-consumer',
  'webhook-dispatch',
  'webhook-sender',
  'fulfilment-watchdog',
  'listing-counters',
];
/** Functions CDK itself adds (the console's bucket deployment and the dev bucket's auto-delete), not ours. */
const CDK_OWN_FUNCTION = /^(CustomCDKBucketDeployment|CustomS3AutoDeleteObjects)/;

/** prod refuses to synthesize without an alarm destination, so its tests give one. */
const PROD_ALARMS = { alarmEmail: 'ops@example.com' };

function synth(stage: 'dev' | 'prod', context: Record<string, unknown> = stage === 'prod' ? PROD_ALARMS : {}) {
  // Bundling is skipped here (esbuild per function is slow); `npx cdk synth` bundles for real.
  const app = new App({ context: { stage, 'aws:cdk:bundling-stacks': [], ...context } });
  return Template.fromStack(new ProcureCoreStack(app, `ProcureCore-${stage}`, { stage }));
}

const consumerEnv = (t: Template) => {
  const fns = Object.entries(t.findResources('AWS::Lambda::Function')) as [string, Resource][];
  return fns.find(([id]) => id.startsWith('FulfilmentFulfilmentConsumer'))![1].Properties.Environment.Variables;
};

const pascal = (handler: string) =>
  handler
    .split('-')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');

describe('ProcureCoreStack', () => {
  let template: Template;
  let functions: Record<string, Resource>;

  /** Every IAM action granted to the function whose logical id starts with `prefix`. */
  const actionsOfFunction = (prefix: string): string[] => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const [logicalId] = Object.entries(functions).find(([id]) => id.startsWith(prefix))!;
    const roleRef = functions[logicalId]!.Properties.Role['Fn::GetAtt'][0];
    return policies
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleRef))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .flatMap((s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
  };

  beforeAll(() => {
    template = synth('dev');
    functions = Object.fromEntries(
      Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => !CDK_OWN_FUNCTION.test(id)),
    ) as Record<string, Resource>;
  });

  it('has one function per route plus the catch-all and the background ones, all Node 22 on arm64', () => {
    const routed = routes.length + bearerRoutes.length;
    expect(Object.keys(functions).filter((id) => id.startsWith('Api'))).toHaveLength(routed + 1);
    expect(Object.keys(functions)).toHaveLength(routed + 1 + BACKGROUND_HANDLERS.length);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: expect.stringMatching(/^StoreTable/) });
    }
  });

  it('points every function at a handler module that exports `handler`', () => {
    const handlers = [...routes, ...bearerRoutes].map((r) => r.handler);
    for (const name of [...handlers, CATCH_ALL_HANDLER, ...BACKGROUND_HANDLERS]) {
      const file = join(PROJECT_ROOT, 'functions', `${name}.ts`);
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8')).toMatch(/export (const|(async )?function) handler\b/);
    }
  });

  it('routes exactly the route table, and everything else to the catch-all', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as Resource).Properties.RouteKey,
    );
    const table = [...routes, ...bearerRoutes].map((r) => `${r.method} ${r.path}`);
    expect(routeKeys.sort()).toEqual([...table, '$default'].sort());
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { PayloadFormatVersion: '2.0' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
  });

  const tableResource = (prefix: string) =>
    Object.entries(template.findResources('AWS::DynamoDB::Table')).find(([id]) =>
      id.startsWith(prefix),
    )![1] as Resource;

  it('builds the table exactly as shared/table.ts defines it', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 2);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: table.stream },
      TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: table.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: index.projectedAttributes
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projectedAttributes] }
          : { ProjectionType: 'ALL' },
      })),
    });
    expect(tableResource('StoreTable').Properties.TableName).toBeUndefined();
  });

  it('keeps the listing counters in a table of their own: named after the table, no stream, no indexes', () => {
    const counters = tableResource('StoreCounters').Properties;
    expect(counters.TableName).toEqual({
      'Fn::Join': ['', [{ Ref: expect.stringMatching(/^StoreTable/) }, '-counters']],
    });
    expect(counters.KeySchema).toEqual([
      { AttributeName: countersTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: countersTable.sortKey, KeyType: 'RANGE' },
    ]);
    expect(counters.StreamSpecification).toBeUndefined();
    expect(counters.GlobalSecondaryIndexes).toBeUndefined();
    expect(counters.TimeToLiveSpecification).toEqual({ AttributeName: countersTable.ttlAttribute, Enabled: true });
    expect(counters.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
  });

  it('lets only the counters consumer write the counters, and whatever lists with totals read them', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const countersArn = (resource: unknown) =>
      JSON.stringify(resource).includes('"StoreCounters') && !JSON.stringify(resource).includes('/index/');
    /** Roles whose policy lets them do `action` on the counters table. */
    const rolesAllowed = (action: string) =>
      policies
        .filter((p) =>
          p.Properties.PolicyDocument.Statement.some(
            (st: { Action: string | string[]; Resource: unknown }) =>
              [st.Action].flat().includes(action) && [st.Resource].flat().some(countersArn),
          ),
        )
        .flatMap((p) => p.Properties.Roles.map((r: { Ref: string }) => r.Ref));
    const roleOf = (prefix: string) =>
      Object.entries(functions).find(([id]) => id.startsWith(prefix))![1].Properties.Role['Fn::GetAtt'][0];
    expect(rolesAllowed('dynamodb:PutItem')).toEqual([roleOf('CountersListingCounters')]);
    const readers = rolesAllowed('dynamodb:BatchGetItem');
    for (const lister of ['ApiIntentsList', 'ApiConsoleIntentsList', 'ApiConsoleOpsQueue', 'ApiConsoleOpsStuck'])
      expect(readers).toContain(roleOf(lister));
    expect(readers).toContain(roleOf('FulfilmentFulfilmentWatchdog'));
    expect(readers).not.toContain(roleOf('ApiIntentsCreate'));
    // The consumer reads the table's stream, and writes nothing in the table itself.
    expect(actionsOfFunction('CountersListingCounters')).toContain('dynamodb:GetRecords');
  });

  it('grants each function only the table access its route needs', () => {
    const actionsOf = (handler: string) => {
      const actions = actionsOfFunction(`Api${pascal(handler)}`);
      return actions.filter((a: string) => a.startsWith('dynamodb:'));
    };
    for (const route of routes) {
      const actions = actionsOf(route.handler);
      const access = tableAccess(route);
      if (access === 'none') expect(actions, route.handler).toEqual([]);
      if (access === 'read-and-count') {
        expect(actions).toContain('dynamodb:Query');
        expect(actions).not.toContain('dynamodb:PutItem');
        expect(actions).not.toContain('dynamodb:DeleteItem');
      }
      if (access === 'read-write')
        expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    }
    expect(actionsOf(CATCH_ALL_HANDLER)).toEqual([]);
  });

  it('lets signed reads update only the rate-limit counters', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'dynamodb:UpdateItem',
            Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*'] } },
          }),
        ]),
      },
    });
  });

  it('keeps production data: retained tables with deletion protection and point-in-time recovery', () => {
    const prod = synth('prod');
    expect(Object.keys(prod.findResources('AWS::DynamoDB::Table'))).toHaveLength(2);
    prod.allResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  it('runs fulfilment from the stream: bisect, partial batch failures, retries, an on-failure queue, a filter', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^FulfilmentFulfilmentConsumer') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StoreTable'), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86400,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FulfilmentFulfilmentStreamFailures'), 'Arn'] },
        },
      },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('SUBMITTED') }] },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^FulfilmentWebhookDispatch') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StoreTable'), 'StreamArn'] },
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('MODIFY') }] },
    });
    expect(actionsOfFunction('FulfilmentFulfilmentConsumer')).toContain('dynamodb:UpdateItem');
  });

  it('keeps list totals from the stream: large bisected batches, partial failures, long retries, intents only', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^CountersListingCounters') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StoreTable'), 'StreamArn'] },
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10000,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CountersCounterStreamFailures'), 'Arn'] } },
      },
      FilterCriteria: {
        Filters: [{ Pattern: Match.stringLikeRegexp('NewImage') }, { Pattern: Match.stringLikeRegexp('REMOVE') }],
      },
    });
    expect(actionsOfFunction('CountersListingCounters')).toContain('dynamodb:UpdateItem');
  });

  it('delivers webhooks through an encrypted queue that dead-letters after the retry schedule', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 90,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FulfilmentWebhookDeadLetters'), 'Arn'] },
        maxReceiveCount: MAX_ATTEMPTS,
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^FulfilmentWebhookSender') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FulfilmentWebhooks'), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    for (const queue of Object.values(template.findResources('AWS::SQS::Queue')) as Resource[])
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const dispatch = actionsOfFunction('FulfilmentWebhookDispatch');
    expect(dispatch).toContain('sqs:SendMessage');
    expect(dispatch).not.toContain('sqs:ReceiveMessage');
    expect(dispatch).not.toContain('dynamodb:UpdateItem');
    const sender = actionsOfFunction('FulfilmentWebhookSender');
    expect(sender).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility']));
    // Its only write: the delivery records, confined to their partitions.
    expect(sender.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual(['dynamodb:UpdateItem']);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'dynamodb:UpdateItem',
            Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DELIVERIES#*'] } },
          }),
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^FulfilmentWebhookSender') }],
    });
  });

  it('runs the watchdog every 15 minutes with the adapters and writes of the consumer, whose step its retry is', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FulfilmentFulfilmentWatchdog'), 'Arn'] } }),
      ],
    });
    const watchdog = actionsOfFunction('FulfilmentFulfilmentWatchdog');
    expect(watchdog).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem']));
    const env = (prefix: string) =>
      Object.entries(functions).find(([id]) => id.startsWith(prefix))![1].Properties.Environment.Variables;
    // The same adapters as the consumer, so a retry orders exactly as the stream record would have.
    expect(env('FulfilmentFulfilmentWatchdog').FULFILMENT_ADAPTERS).toBe(
      env('FulfilmentFulfilmentConsumer').FULFILMENT_ADAPTERS,
    );
  });

  it('never grants dynamodb:* or sets LOCAL_RUNTIME', () => {
    const statements = (Object.values(template.findResources('AWS::IAM::Policy')) as Resource[]).flatMap(
      (p) => p.Properties.PolicyDocument.Statement,
    );
    expect(JSON.stringify(statements)).not.toContain('dynamodb:*');
    for (const fn of Object.values(functions))
      expect(fn.Properties.Environment.Variables.LOCAL_RUNTIME).toBeUndefined();
  });

  it('seals app secrets with a rotating customer-managed key only the signed and registry-reading functions use', () => {
    template.resourceCountIs('AWS::KMS::Key', 2);
    for (const key of Object.values(template.findResources('AWS::KMS::Key')) as Resource[])
      expect(key.Properties.EnableKeyRotation).toBe(true);
    const keyArn = { 'Fn::GetAtt': [expect.stringMatching(/^AppSecretsKey/), 'Arn'] };
    const readers = [
      ...routes.filter((r) => r.auth).map((r) => `Api${pascal(r.handler)}`),
      'FulfilmentWebhookDispatch',
      'FulfilmentWebhookSender',
      'FulfilmentFulfilmentWatchdog',
      ...[...OPENING_CONSOLE_HANDLERS, ...SEALING_CONSOLE_HANDLERS].map((h) => `Api${pascal(h)}`),
    ];
    for (const [id, fn] of Object.entries(functions)) {
      const reads = readers.some((prefix) => id.startsWith(prefix));
      const env = fn.Properties.Environment.Variables[KMS_KEY_ENV];
      if (reads) expect(env, id).toEqual(keyArn);
      else expect(env, id).toBeUndefined();
    }
    const sealers = SEALING_CONSOLE_HANDLERS.map((h) => `Api${pascal(h)}`);
    for (const prefix of readers.filter((r) => !sealers.includes(r)))
      expect(actionsOfFunction(prefix), prefix).toContain('kms:Decrypt');
    // Only the console's create and rotate seal (data keys, never decrypt); everything else only opens.
    const onSecretsKey = (Object.values(template.findResources('AWS::IAM::Policy')) as Resource[])
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((st) => JSON.stringify(st.Resource).includes('AppSecretsKey'));
    expect(onSecretsKey.length).toBeGreaterThan(0);
    for (const st of onSecretsKey) expect(['kms:Decrypt', 'kms:GenerateDataKey']).toContain(st.Action);
    for (const prefix of sealers) {
      const onKey = actionsOfFunction(prefix).filter((a) => a.startsWith('kms:') && a !== 'kms:Decrypt');
      expect(onKey, prefix).toContain('kms:GenerateDataKey');
    }
    template.hasOutput('AppSecretsKeyArn', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AppSecretsKey'), 'Arn'] },
    });
    template.hasOutput('ApiUrl', Match.anyValue());
  });

  it('generates the list cursor key in Secrets Manager and lets only the functions that list read it', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
    });
    const readers = ['ApiIntentsList', 'FulfilmentFulfilmentWatchdog', 'ApiConsoleOpsQueue', 'ApiConsoleOpsStuck'];
    for (const [id, fn] of Object.entries(functions)) {
      const reads = readers.some((prefix) => id.startsWith(prefix));
      const env = fn.Properties.Environment.Variables[CURSOR_SECRET_ARN_ENV];
      if (reads) expect(env, id).toEqual({ Ref: expect.stringMatching(/^CursorKey/) });
      else expect(env, id).toBeUndefined();
      expect(actionsOfFunction(id).includes('secretsmanager:GetSecretValue'), id).toBe(reads);
    }
  });

  it('encrypts the table with a customer-managed key', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StoreTableKey'), 'Arn'] },
      },
    });
  });

  it('alarms on 5xx rate, p99 latency, throttles, iterator age, dead letters, webhook failures; has a dashboard', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const metricNames = alarms.flatMap((a) =>
      a.Properties.MetricName
        ? [a.Properties.MetricName]
        : a.Properties.Metrics.filter((m: Resource['Properties']) => m.MetricStat).map(
            (m: Resource['Properties']) => m.MetricStat.Metric.MetricName,
          ),
    );
    expect(metricNames).toEqual(
      expect.arrayContaining([
        '5xx',
        'Count',
        'Latency',
        'Throttles',
        'IteratorAge',
        'Errors',
        'StuckProcessingIntents',
      ]),
    );
    expect(metricNames.filter((m) => m === 'Throttles')).toHaveLength(Object.keys(functions).length);
    expect(metricNames.filter((m) => m === 'IteratorAge')).toHaveLength(3);
    expect(metricNames.filter((m) => m === 'ApproximateNumberOfMessagesVisible')).toHaveLength(4);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Latency', ExtendedStatistic: 'p99' });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    // No topic unless asked for: alarms still show on the dashboard and in the console.
    template.resourceCountIs('AWS::SNS::Topic', 0);
    for (const a of alarms) expect(a.Properties.AlarmActions).toBeUndefined();
  });

  it('notifies an SNS topic when alarmEmail or alarmTopicArn is given', () => {
    const app = new App({ context: { stage: 'dev', alarmEmail: 'ops@example.com', 'aws:cdk:bundling-stacks': [] } });
    const withEmail = Template.fromStack(new ProcureCoreStack(app, 'WithEmail', { stage: 'dev' }));
    withEmail.resourceCountIs('AWS::SNS::Topic', 1);
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    const topicArn = 'arn:aws:sns:eu-west-1:123456789012:ops';
    const app2 = new App({ context: { stage: 'dev', alarmTopicArn: topicArn, 'aws:cdk:bundling-stacks': [] } });
    const withTopic = Template.fromStack(new ProcureCoreStack(app2, 'WithTopic', { stage: 'dev' }));
    for (const a of Object.values(withTopic.findResources('AWS::CloudWatch::Alarm')) as Resource[])
      expect(a.Properties.AlarmActions).toEqual([topicArn]);
  });

  it('gives every function its own log group with a retention period', () => {
    const groups = template.findResources('AWS::Logs::LogGroup') as Record<string, Resource>;
    for (const [id, fn] of Object.entries(functions)) {
      const ref = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(groups[ref]?.Properties.RetentionInDays, id).toBe(14);
    }
  });

  it('traces every function with X-Ray', () => {
    for (const fn of Object.values(functions)) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
  });

  it('throttles the stage and writes access logs without headers, queries or bodies', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as Resource;
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format.sourceIp).toBe('$context.identity.sourceIp');
    expect(Object.values(format).join(' ')).not.toMatch(/header|querystring|body/i);
  });

  it('serves an optional custom domain with TLS 1.2, only when both context values are given', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
    const context = { stage: 'dev', domainName: 'api.example.com', certificateArn, 'aws:cdk:bundling-stacks': [] };
    const withDomain = Template.fromStack(new ProcureCoreStack(new App({ context }), 'WithDomain', { stage: 'dev' }));
    withDomain.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.example.com',
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: certificateArn, SecurityPolicy: 'TLS_1_2' })],
    });
    withDomain.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    withDomain.hasOutput('CustomDomainTarget', Match.anyValue());
    const half = new App({ context: { stage: 'dev', domainName: 'api.example.com', 'aws:cdk:bundling-stacks': [] } });
    expect(() => new ProcureCoreStack(half, 'Half', { stage: 'dev' })).toThrow(/both/);
  });

  it('names the adapter of every platform per stage: prod fulfils nothing with the sandbox, dev only JD', () => {
    const prod = consumerEnv(synth('prod'));
    expect(prod.FULFILMENT_ADAPTERS).toBe('TAOBAO=manual,JD=manual,PDD=manual');
    expect(prod.STAGE).toBe('prod');
    expect(prod.FULFILMENT_DEFAULT_ADAPTER).toBeUndefined();
    const dev = consumerEnv(template);
    expect(dev.FULFILMENT_ADAPTERS).toBe('TAOBAO=manual,JD=sandbox,PDD=manual');
    expect(dev.STAGE).toBe('dev');
  });

  it('fails a prod synth that would run the sandbox, saying why', () => {
    const app = new App({ context: { stage: 'prod', 'aws:cdk:bundling-stacks': [], ...PROD_ALARMS } });
    expect(
      () => new ProcureCoreStack(app, 'Sandboxed', { stage: 'prod', fulfilmentAdapters: { JD: 'sandbox' } }),
    ).toThrow(/stage "prod" must not fulfil JD with the sandbox adapter \(it completes intents with made-up orders\)/);
    const dev = new App({ context: { stage: 'dev', 'aws:cdk:bundling-stacks': [] } });
    expect(
      () => new ProcureCoreStack(dev, 'DevSandbox', { stage: 'dev', fulfilmentAdapters: { PDD: 'sandbox' } }),
    ).not.toThrow();
  });

  it('fails a prod synth whose alarms would notify nobody, saying how to give a destination', () => {
    expect(() => synth('prod', {})).toThrow(/-c alarmEmail=<address>.*-c alarmTopicArn=arn:aws:sns:/s);
    expect(() => synth('prod', { alarmEmail: '' })).toThrow(/alarmEmail/);
    const topicArn = 'arn:aws:sns:eu-west-1:123456789012:ops';
    const withTopic = synth('prod', { alarmTopicArn: topicArn });
    const alarms = Object.values(withTopic.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    expect(alarms.length).toBeGreaterThan(0);
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([topicArn]);
  });

  it('refuses an unknown stage', () => {
    expect(() => stageFrom(new App({ context: { stage: 'qa' } }).node)).toThrow(/unknown stage "qa"/);
    expect(stageFrom(new App({ context: { stage: 'prod' } }).node)).toBe('prod');
  });
});
