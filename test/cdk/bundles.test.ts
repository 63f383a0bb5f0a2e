// Builds every function exactly as `cdk deploy` bundles it and loads each bundle in a fresh Node process with the
// environment the stack configures, so a handler name that doesn't match an export (or a bundle that can't load)
// fails here rather than on the first invocation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLING, HandlerFunction } from '../../lib/constructs/handler-function';
import { ProcureCoreStack } from '../../lib/procure-core-stack';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type LambdaFunction = { Properties: { Handler: string; Environment?: { Variables: Record<string, any> } } };

describe('function bundles', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'procure-bundles-'));
  let handlers: { entry: string; exportName: string }[];
  let environment: Record<string, string>;

  beforeAll(() => {
    const app = new App({ context: { stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
    const stack = new ProcureCoreStack(app, 'ProcureCore-prod', { stage: 'prod' });
    const functions = Object.values(
      Template.fromStack(stack).findResources('AWS::Lambda::Function'),
    ) as LambdaFunction[];
    // Entries come from the stack itself: every NodejsFunction records the module it bundles.
    const entries = stack.node
      .findAll()
      .filter((c): c is HandlerFunction => c instanceof HandlerFunction)
      .map((f) => f.entryFile);
    const configured = new Set(functions.map((f) => f.Properties.Handler));
    expect(configured.size).toBe(1);
    const [file, exportName] = [...configured][0]!.split('.') as [string, string];
    expect(file).toBe('index');
    handlers = [...new Set(entries)].map((entry) => ({ entry, exportName }));
    expect(handlers).toHaveLength(functions.length);
    // Tokens (table name, key ARN, queue URL) become placeholders: loading must only need them to be set.
    environment = Object.fromEntries(
      functions.flatMap((f) =>
        Object.entries(f.Properties.Environment?.Variables ?? {}).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : `x-${k}`,
        ]),
      ),
    );
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('exports the configured handler from every bundle, loaded with the stack environment', async () => {
    const bundles = await Promise.all(
      handlers.map(async ({ entry }, i) => {
        const outfile = join(outDir, String(i), 'index.mjs');
        await build({
          entryPoints: [entry],
          outfile,
          bundle: true,
          platform: 'node',
          format: 'esm',
          minify: BUNDLING.minify,
          sourcemap: BUNDLING.sourceMap,
          mainFields: BUNDLING.mainFields,
          target: BUNDLING.target,
          banner: { js: BUNDLING.banner },
          logLevel: 'silent',
        });
        return outfile;
      }),
    );
    const script = `
      const files = JSON.parse(process.argv[1]);
      const out = {};
      for (const f of files) out[f] = typeof (await import(f))[${JSON.stringify(handlers[0]!.exportName)}];
      console.log(JSON.stringify(out));`;
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(bundles)], {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        ...environment,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      encoding: 'utf8',
    });
    const types = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string>;
    expect(Object.values(types)).toHaveLength(handlers.length);
    for (const [file, type] of Object.entries(types)) expect(type, file).toBe('function');
  });
});
