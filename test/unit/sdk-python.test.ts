// Runs the Python SDK's own unittest suite (standard library only) as part of `npm test`.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';

it('the Python SDK suite passes (python3 -m unittest)', async () => {
  const child = spawn('python3', ['-m', 'unittest', 'discover', '-s', 'sdk/python/tests', '-t', 'sdk/python'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  expect(output, output).toMatch(/Ran [1-9]\d* tests?/);
  expect(exitCode, output).toBe(0);
}, 120_000);
