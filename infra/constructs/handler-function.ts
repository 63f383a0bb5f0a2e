// A Lambda built from one module in functions/, with the defaults every function shares (Node 22 on arm64, the AWS
// SDK bundled from its ESM sources with credentials read from the environment, minified, an explicit log group) and
// table grants sized to what it does.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ENV } from '../../shared/config';
import { RATE_LIMIT_KEY_PREFIX, type TableAccess } from '../access';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How every function is bundled; exported so the bundle test builds exactly what `cdk deploy` ships. */
export const BUNDLING = {
  minify: true,
  sourceMap: false,
  // Bundle the SDK instead of using the runtime's copy: pinned versions, and tree-shaken ESM sources.
  bundleAwsSDK: true,
  mainFields: ['module', 'main'],
  format: OutputFormat.ESM,
  target: 'node22',
  // Some CommonJS dependencies call require(); ESM output has none unless we provide it.
  banner:
    "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
  esbuildArgs: {
    // Lambda gives credentials in the environment; see the module for why the default chain is left out. The path
    // is relative to the project root, where NodejsFunction runs esbuild.
    '--alias': ['@aws-sdk/credential-provider-node=./shared/aws/lambda-credentials.ts'],
  },
} satisfies BundlingOptions;

export interface HandlerFunctionProps {
  /** Module under functions/ (without .ts); it must export `handler`. */
  handler: string;
  logRetention: RetentionDays;
  retainLogs: boolean;
  environment?: Record<string, string>;
  timeout?: Duration;
}

export class HandlerFunction extends NodejsFunction {
  /** The module this function bundles (functions/<handler>.ts). */
  readonly entryFile: string;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: join(PROJECT_ROOT, 'functions', `${props.handler}.ts`),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      tracing: Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      environment: {
        [ENV.POWERTOOLS_SERVICE_NAME]: 'procure-core',
        [ENV.LOG_LEVEL]: 'INFO',
        ...props.environment,
      },
      bundling: BUNDLING,
    });
    this.entryFile = join(PROJECT_ROOT, 'functions', `${props.handler}.ts`);
  }

  /** Grants the table access the function's job needs and tells it the table's name. */
  bindTable(table: ITable, access: TableAccess): this {
    // Every function is told the name, even with no grant: every handler's module graph holds the store client,
    // which needs it on its first call.
    this.addEnvironment(ENV.TABLE_NAME, table.tableName);
    if (access === 'none') return this;
    if (access === 'read-write') {
      table.grantReadWriteData(this);
      return this;
    }
    table.grantReadData(this);
    if (access === 'read') return this;
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${RATE_LIMIT_KEY_PREFIX}*`] } },
      }),
    );
    return this;
  }

  /** The listing counters' table (infra/constructs/store.ts): read by whatever lists with totals, written only by the
   * counters' consumer. The function finds it by the table's name, so there is nothing to tell it. */
  bindCounters(counters: ITable, access: 'read' | 'read-write'): this {
    if (access === 'read-write') counters.grantReadWriteData(this);
    else counters.grantReadData(this);
    return this;
  }
}
