// The performance page's benchmark report must be the one rendered from bench/results.json, so the numbers a reader
// sees are the numbers the last `npm run bench` measured.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BenchResults, README_END, README_START, renderReport, withReport } from '../../bench/report';

const readme = readFileSync(new URL('../../docs/performance.md', import.meta.url), 'utf8');
const results = JSON.parse(readFileSync(new URL('../../bench/results.json', import.meta.url), 'utf8')) as BenchResults;

describe('docs/performance.md benchmark report', () => {
  it('is the report rendered from bench/results.json', () => {
    expect(withReport(readme, renderReport(results))).toBe(readme);
  });

  it('notices a number that differs from the results file', () => {
    const changed = structuredClone(results);
    const first = Object.values(changed.warm.routes)[0]!;
    first.medianUs += 1;
    expect(withReport(readme, renderReport(changed))).not.toBe(readme);
  });

  it('comes from a run with every part measured', () => {
    expect(results.skipped).toEqual([]);
    expect(results.cost).toBeDefined();
    expect(results.e2e).toBeDefined();
    expect(results.writes).toBeDefined();
  });

  it('refuses a README without the markers', () => {
    expect(() => withReport(readme.replace(README_START, ''), 'x')).toThrow(/markers/);
    expect(() => withReport(readme.replace(README_END, ''), 'x')).toThrow(/markers/);
  });
});
