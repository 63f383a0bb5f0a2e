// Builds every function exactly as `cdk deploy` bundles it and loads each bundle in a fresh Node process with the
// environment the stack configures, so a handler name that doesn't match an export (or a bundle that can't load)
// fails here rather than on the first invocation. Sizes and contents are facts about the artifact (issue 9), so
// they are checked here too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../infra/constructs/esbuild-options';
import { BUNDLING, HandlerFunction, PROJECT_ROOT } from '../../infra/constructs/handler-function';
import { ProcureCoreStack } from '../../infra/procure-core-stack';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type LambdaFunction = { Properties: { Handler: string; Environment?: { Variables: Record<string, any> } } };

const MAX_BUNDLE_BYTES = 350 * 1024;
/** The default credential chain's links beyond the environment: STS/SSO clients, profile files, token providers. */
const CREDENTIAL_CHAIN =
  /node_modules\/@aws-sdk\/(nested-clients|credential-provider-(node|ini|sso|login|process|web-identity|http)|token-providers)\//;
const LAMBDA_CREDENTIALS = 'shared/aws/lambda-credentials.ts';

interface Bundle {
  entry: string;
  file: string;
  inputs: string[];
}

/** Builds with BUNDLING into `dir`; `inputs` are the files that ended up in the output. */
async function bundle(entry: string | { contents: string }, dir: string): Promise<Bundle> {
  const file = join(dir, 'index.mjs');
  const { metafile } = await build({
    ...esbuildOptions(BUNDLING),
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: PROJECT_ROOT, loader: 'ts' } }),
    outfile: file,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values((metafile as Metafile).outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  return { entry: typeof entry === 'string' ? relative(PROJECT_ROOT, entry) : 'stdin', file, inputs };
}

/** Runs an ES module script in a fresh Node process and returns the JSON it prints last. */
function runNode(script: string, args: string[], env: Record<string, string | undefined>): unknown {
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, ...args], {
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('function bundles', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'procure-bundles-'));
  let exportName: string;
  let environment: Record<string, string>;
  let bundles: Bundle[];

  beforeAll(async () => {
    // With the JD VOP secret configured, so the JD poller's bundle is built and loaded too.
    const jdVopSecretArn = 'arn:aws:secretsmanager:cn-north-1:123456789012:secret:procure/jd-vop-AbCdEf';
    const app = new App({
      context: { stage: 'prod', 'aws:cdk:bundling-stacks': [], alarmEmail: 'ops@example.com', jdVopSecretArn },
    });
    const stack = new ProcureCoreStack(app, 'ProcureCore-prod', { stage: 'prod' });
    // CDK's own functions (the console's BucketDeployment) are not ours to bundle.
    const functions = Object.entries(Template.fromStack(stack).findResources('AWS::Lambda::Function'))
      .filter(([id]) => !/^Custom(CDKBucketDeployment|S3AutoDeleteObjects)/.test(id))
      .map(([, fn]) => fn) as LambdaFunction[];
    // Entries come from the stack itself: every NodejsFunction records the module it bundles.
    const entries = stack.node
      .findAll()
      .filter((c): c is HandlerFunction => c instanceof HandlerFunction)
      .map((f) => f.entryFile);
    const configured = new Set(functions.map((f) => f.Properties.Handler));
    expect(configured.size).toBe(1);
    const [file, handlerExport] = [...configured][0]!.split('.') as [string, string];
    expect(file).toBe('index');
    exportName = handlerExport;
    expect(new Set(entries).size).toBe(functions.length);
    // Tokens (table name, key ARN, queue URL) become placeholders: loading must only need them to be set.
    environment = Object.fromEntries(
      functions.flatMap((f) =>
        Object.entries(f.Properties.Environment?.Variables ?? {}).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : `x-${k}`,
        ]),
      ),
    );
    bundles = await Promise.all([...new Set(entries)].map((entry, i) => bundle(entry, join(outDir, String(i)))));
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('exports the configured handler from every bundle, loaded with the stack environment', () => {
    const script = `
      const files = JSON.parse(process.argv[1]);
      const out = {};
      for (const f of files) out[f] = typeof (await import(f))[${JSON.stringify(exportName)}];
      console.log(JSON.stringify(out));`;
    const types = runNode(script, [JSON.stringify(bundles.map((b) => b.file))], {
      AWS_REGION: 'us-east-1',
      ...environment,
    }) as Record<string, string>;
    expect(Object.values(types)).toHaveLength(bundles.length);
    for (const [file, type] of Object.entries(types)) expect(type, file).toBe('function');
  });

  it('keeps every bundle at most 350 KB', () => {
    const sizes = Object.fromEntries(bundles.map((b) => [b.entry, statSync(b.file).size]));
    for (const [entry, bytes] of Object.entries(sizes)) expect(bytes, entry).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });

  it('ships the environment credential provider instead of the SDK default chain', () => {
    for (const { entry, inputs } of bundles) {
      expect(
        inputs.filter((input) => CREDENTIAL_CHAIN.test(input)),
        entry,
      ).toEqual([]);
      const usesClients = inputs.some((input) => input.includes('node_modules/@aws-sdk/client-'));
      expect(inputs.includes(LAMBDA_CREDENTIALS), entry).toBe(usesClients);
    }
  });

  it('builds DynamoDB, KMS and SQS clients that take their credentials from the environment', async () => {
    const probe = await bundle(
      {
        contents: `
          import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
          import { KMSClient } from '@aws-sdk/client-kms';
          import { SQSClient } from '@aws-sdk/client-sqs';
          export const clients = { dynamodb: new DynamoDBClient({}), kms: new KMSClient({}), sqs: new SQSClient({}) };`,
      },
      join(outDir, 'probe'),
    );
    expect(probe.inputs.filter((input) => CREDENTIAL_CHAIN.test(input))).toEqual([]);
    // Resolving credentials is configuration only: no request leaves the process.
    const script = `
      const { clients } = await import(process.argv[1]);
      const out = {};
      for (const [name, client] of Object.entries(clients)) {
        try {
          const first = await client.config.credentials();
          const again = await client.config.credentials();
          out[name] = { accessKeyId: first.accessKeyId, sessionToken: first.sessionToken, same: first === again };
        } catch (error) {
          out[name] = { error: error.message };
        }
      }
      console.log(JSON.stringify(out));`;
    const fromEnv = runNode(script, [probe.file], {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDBUNDLETEST',
      AWS_SECRET_ACCESS_KEY: 'bundle-test-secret',
      AWS_SESSION_TOKEN: 'bundle-test-session',
    });
    const resolved = { accessKeyId: 'AKIDBUNDLETEST', sessionToken: 'bundle-test-session', same: true };
    expect(fromEnv).toEqual({ dynamodb: resolved, kms: resolved, sqs: resolved });
    // Nothing else is tried: no profile file, no instance metadata.
    const error = { error: 'Unable to find environment variable credentials.' };
    expect(runNode(script, [probe.file], { AWS_REGION: 'us-east-1' })).toEqual({
      dynamodb: error,
      kms: error,
      sqs: error,
    });
  });
});
