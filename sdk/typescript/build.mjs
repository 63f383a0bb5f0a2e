// Builds what the package ships: ESM with declarations (tsc, one file per module) and a CommonJS bundle (esbuild),
// into a fresh dist/. The repository itself imports src/ through the "source" export condition.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
rmSync(join(here, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(here, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
const { buildSync } = require('esbuild');
buildSync({
  entryPoints: [join(here, 'src/index.ts')],
  outfile: join(here, 'dist/index.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
