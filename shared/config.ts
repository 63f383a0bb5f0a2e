// Every environment variable the Lambda code reads, named once: the CDK stack sets them by these names (infra/), the
// local runtime and the tests too. Nothing is read at import: each value is read on first use, so a process may
// set its environment (the local runtime, a CLI) before it calls anything. `where` says which functions need it.
import { once } from './once';

export const ENV = {
  /** Required by every function (the store client). */
  TABLE_NAME: 'TABLE_NAME',
  /** DynamoDB Local's URL in the local runtime and the integration tests; unset on AWS. */
  DYNAMODB_ENDPOINT: 'DYNAMODB_ENDPOINT',
  AWS_REGION: 'AWS_REGION',
  /** 'true' only in the local runtime: dev credentials, built-in keys and local accounts are refused elsewhere. */
  LOCAL_RUNTIME: 'LOCAL_RUNTIME',
  POWERTOOLS_SERVICE_NAME: 'POWERTOOLS_SERVICE_NAME',
  LOG_LEVEL: 'LOG_LEVEL',
  /** Signed routes: how long an app's registry item is cached per instance. */
  APP_CACHE_TTL_MS: 'APP_CACHE_TTL_MS',
  /** Functions that seal or open app secrets (signed routes, console apps): the KMS key; unset locally. */
  APP_SECRETS_KMS_KEY_ID: 'APP_SECRETS_KMS_KEY_ID',
  /** Listing functions on AWS: the secret holding the list cursor's HMAC key (required outside the local runtime). */
  CURSOR_SECRET_ARN: 'CURSOR_SECRET_ARN',
  /** The console's team invite on AWS: the Cognito user pool (required outside the local runtime). */
  USER_POOL_ID: 'USER_POOL_ID',
  /** Webhook dispatch and sender: required. */
  WEBHOOK_QUEUE_URL: 'WEBHOOK_QUEUE_URL',
  /** Local runtime and tests: the list cursor's key itself, instead of CURSOR_SECRET_ARN. */
  CURSOR_SECRET: 'CURSOR_SECRET',
  /** Fulfilment consumer (parsed by shared/fulfilment/config.ts): which adapter serves which platform. */
  FULFILMENT_ADAPTERS: 'FULFILMENT_ADAPTERS',
  FULFILMENT_DEFAULT_ADAPTER: 'FULFILMENT_DEFAULT_ADAPTER',
  SANDBOX_DELAY_MS: 'SANDBOX_DELAY_MS',
  /** The deployed stage; only dev may run the sandbox adapter. */
  STAGE: 'STAGE',
  /** JD VOP adapter on AWS: the secret with the VOP account's settings (locally JD_VOP_* variables). */
  JD_VOP_SECRET_ARN: 'JD_VOP_SECRET_ARN',
  /** Fulfilment consumer and JD VOP poller. */
  FULFILMENT_ADAPTER_TIMEOUT_MS: 'FULFILMENT_ADAPTER_TIMEOUT_MS',
  /** JD VOP poller. */
  JD_VOP_REDRIVE_MINUTES: 'JD_VOP_REDRIVE_MINUTES',
  /** Fulfilment watchdog. */
  STUCK_PROCESSING_MINUTES: 'STUCK_PROCESSING_MINUTES',
  /** GET /openapi.json: the API's public base URL when it has a custom domain. */
  PUBLIC_API_URL: 'PUBLIC_API_URL',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** The environment as a whole, for parsers that take several variables at once (fulfilment adapters, JD VOP). */
export function environment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

function optional(name: EnvName): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A variable the function cannot run without: fails loudly, naming it. */
function required(name: EnvName): string {
  const value = optional(name);
  if (value === undefined) throw new Error(`${name} environment variable is not set`);
  return value;
}

function numberOr(name: EnvName, fallback: number): number {
  return Number(optional(name) ?? fallback);
}

export const config = {
  tableName: once(() => required(ENV.TABLE_NAME)),
  dynamodbEndpoint: once(() => optional(ENV.DYNAMODB_ENDPOINT)),
  region: once(() => optional(ENV.AWS_REGION)),
  isLocalRuntime: () => process.env[ENV.LOCAL_RUNTIME] === 'true',
  serviceName: () => optional(ENV.POWERTOOLS_SERVICE_NAME) ?? 'procure-core',
  logLevel: () => (optional(ENV.LOG_LEVEL) ?? 'INFO') as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | 'SILENT',
  appCacheTtlMs: once(() => numberOr(ENV.APP_CACHE_TTL_MS, 30_000)),
  kmsKeyId: () => optional(ENV.APP_SECRETS_KMS_KEY_ID),
  userPoolId: () => optional(ENV.USER_POOL_ID),
  webhookQueueUrl: () => required(ENV.WEBHOOK_QUEUE_URL),
  adapterTimeoutMs: () => numberOr(ENV.FULFILMENT_ADAPTER_TIMEOUT_MS, 10_000),
  jdVopRedriveMinutes: () => numberOr(ENV.JD_VOP_REDRIVE_MINUTES, 10),
  stuckProcessingMinutes: () => numberOr(ENV.STUCK_PROCESSING_MINUTES, 60),
  publicApiUrl: () => optional(ENV.PUBLIC_API_URL),
};
