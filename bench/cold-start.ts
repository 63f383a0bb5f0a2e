// Cold start: bundles every function with the exported BUNDLING options, translated to esbuild exactly as
// NodejsFunction does, and a baseline bundle of the same dependencies built the straightforward way. Each bundle's
// module load time is measured in a fresh Node process, round-robin across bundles so machine noise hits them all
// alike.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { esbuildOptions } from '../infra/constructs/esbuild-options';
import { BUNDLING, PROJECT_ROOT } from '../infra/constructs/handler-function';
import { median, round } from './stats';

/** What `cdk deploy` builds, quiet but for errors. */
const FUNCTION_OPTIONS: BuildOptions = { ...esbuildOptions(BUNDLING), logLevel: 'error' };

const BASELINE_SOURCE = `
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');
// middy 6 ships ESM only; through require() its function is the namespace's default export.
const middy = require('@middy/core').default;
const { z } = require('zod');
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const schema = z.object({ title: z.string() });
exports.handler = middy(async (event) => ({ statusCode: 200, body: JSON.stringify(schema.parse(event) && client ? {} : {}) }));
`;

/** The functions' environment as Lambda sets it (read on first call, not at load); nothing is invoked, so no value
 * reaches AWS. */
const LOAD_ENV = {
  ...process.env,
  TABLE_NAME: 'procure-core-bench',
  AWS_REGION: 'us-east-1',
  WEBHOOK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench',
  LOG_LEVEL: 'SILENT',
};

export interface BundleResult {
  sizeKB: number;
  loadMs: number | null;
  loadVsBaseline: number | null;
  error?: string;
}

export interface ColdStartResult {
  spawns: number;
  baseline: { sizeKB: number; loadMs: number };
  functions: Record<string, BundleResult>;
}

function loadOnce(file: string): number {
  const script = `const t = process.hrtime.bigint(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: LOAD_ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return Number(out.trim().split('\n').pop());
}

export async function coldStart(spawns: number): Promise<ColdStartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'procure-bench-'));
  const names = readdirSync(join(PROJECT_ROOT, 'functions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();

  const files: Record<string, string> = {};
  for (const name of names) {
    const outfile = join(dir, `${name}.mjs`);
    await build({ ...FUNCTION_OPTIONS, entryPoints: [join(PROJECT_ROOT, 'functions', `${name}.ts`)], outfile });
    files[name] = outfile;
  }
  const baselineEntry = join(dir, 'baseline-entry.cjs');
  writeFileSync(baselineEntry, BASELINE_SOURCE);
  const baselineFile = join(dir, 'baseline.cjs');
  await build({
    entryPoints: [baselineEntry],
    outfile: baselineFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify: true,
    nodePaths: [join(PROJECT_ROOT, 'node_modules')],
    logLevel: 'error',
  });

  const all: Record<string, string> = { baseline: baselineFile, ...files };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
  const errors: Record<string, string> = {};
  for (let run = 0; run < spawns; run++) {
    for (const [name, file] of Object.entries(all)) {
      if (errors[name]) continue;
      try {
        times[name]!.push(loadOnce(file));
      } catch (error) {
        errors[name] =
          String((error as { stderr?: string }).stderr ?? error)
            .split('\n')
            .find(Boolean) ?? 'failed';
      }
    }
    process.stderr.write(`cold start: spawn round ${run + 1}/${spawns}\n`);
  }

  const sizeKB = (file: string) => round(statSync(file).size / 1024, 1);
  if (errors.baseline) throw new Error(`baseline bundle failed to load: ${errors.baseline}`);
  const baselineMs = median(times.baseline!);
  const functions: Record<string, BundleResult> = {};
  for (const name of names) {
    const loadMs = errors[name] ? null : median(times[name]!);
    functions[name] = {
      sizeKB: sizeKB(files[name]!),
      loadMs: loadMs === null ? null : round(loadMs),
      loadVsBaseline: loadMs === null ? null : round(loadMs / baselineMs),
      ...(errors[name] ? { error: errors[name] } : {}),
    };
  }
  return { spawns, baseline: { sizeKB: sizeKB(baselineFile), loadMs: round(baselineMs) }, functions };
}
