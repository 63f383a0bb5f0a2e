// The CLIs print their own output only: on Node < 22 the AWS SDK's version notice is switched off before any client
// is made, and every command-line entry point loads that switch first.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CLIENT = pathToFileURL(createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb')).href;
const NODE_SUPPORT = pathToFileURL(join(process.cwd(), 'bin', 'node-support.ts')).href;
const work = mkdtempSync(join(tmpdir(), 'procure-node-support-'));

/** What a script that makes one DynamoDB client prints on stderr, with `prelude` run first. */
async function stderrOf(name: string, prelude: string): Promise<string> {
  const env = { ...process.env };
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  const file = join(work, `${name}.mts`);
  writeFileSync(
    file,
    `${prelude}\nconst { DynamoDBClient } = await import('${CLIENT}');\nnew DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });\n`,
  );
  const { stderr } = await run(TSX, [file], { env });
  return stderr;
}

const nodeMajor = Number(process.versions.node.split('.')[0]);

describe('the AWS SDK Node version notice', () => {
  it.runIf(nodeMajor < 22)('is printed by a bare client on this Node, and not after bin/node-support', async () => {
    expect(await stderrOf('bare', '')).toMatch(/NodeVersionSupport/);
    expect(await stderrOf('quiet', `await import('${NODE_SUPPORT}');`)).toBe('');
  });

  it('is switched off first in every command-line entry point but the CDK app', () => {
    // The entry points are the bin/ files package.json's scripts run (their helpers, like *-args.ts, are imported).
    const scripts = Object.values(JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>);
    const entries = readdirSync('bin').filter(
      (f) => f !== 'app.ts' && scripts.some((script) => script.includes(`bin/${f}`)),
    );
    expect(entries.length).toBeGreaterThan(3);
    for (const file of entries) {
      const firstImport = readFileSync(join('bin', file), 'utf8')
        .split('\n')
        .find((line) => line.startsWith('import '));
      expect(firstImport, file).toBe("import './node-support';");
    }
  });
});
