// BUNDLING as esbuild build options, the way NodejsFunction turns it into esbuild's command line, so the bundle test
// and the cold-start bench build exactly what `cdk deploy` ships.
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { PROJECT_ROOT } from './handler-function';

// An option added to BUNDLING but not mirrored here must fail loudly rather than be left out of what we measure.
const MIRRORED: (keyof BundlingOptions)[] = [
  'minify',
  'sourceMap',
  'bundleAwsSDK',
  'mainFields',
  'format',
  'target',
  'banner',
  'esbuildArgs',
];

/** `--alias:from=to`, which BUNDLING writes as `{ '--alias': ['from=to'] }`. */
function aliasPair(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

export function esbuildOptions(bundling: BundlingOptions): BuildOptions {
  const { '--alias': aliases = [], ...otherArgs } = bundling.esbuildArgs ?? {};
  const unmirrored = [
    ...Object.keys(bundling).filter((key) => !MIRRORED.includes(key as keyof BundlingOptions)),
    ...Object.keys(otherArgs),
    ...(bundling.bundleAwsSDK === true ? [] : ['bundleAwsSDK other than true']),
  ];
  if (unmirrored.length) throw new Error(`esbuildOptions does not mirror ${unmirrored.join(', ')}`);
  return {
    // NodejsFunction runs esbuild in the project root, so relative alias targets resolve from there.
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    target: bundling.target,
    format: bundling.format,
    minify: bundling.minify,
    sourcemap: bundling.sourceMap,
    mainFields: bundling.mainFields,
    ...(bundling.banner === undefined ? {} : { banner: { js: bundling.banner } }),
    alias: Object.fromEntries([aliases].flat().map((arg) => aliasPair(String(arg)))),
  };
}
