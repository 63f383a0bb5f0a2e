// `npm run bench:console`: the console's performance goals (issue 14), measured, not asserted.
// 1. JavaScript for the first screen (the signed-in apps page) in KB gzip, from the build: goal at most 300.
// 2. The apps page interactive (its app list rendered) after navigation on the local runtime in headless Debian
//    chromium, HTTP cache off, median of BENCH_CONSOLE_LOADS (default 7) loads: goal at most 1.5 s. Also the JS
//    bytes the browser actually received (gzip, as sent) on such a load.
// Writes bench/console/results.json.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../../local/console-build';
import { startRuntime } from '../e2e/runtime';
import { round } from '../stats';
import { firstScreenJs } from './bundle';

const LOADS = Number(process.env.BENCH_CONSOLE_LOADS ?? 7);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEV = { email: 'dev@procure.local', password: 'dev_password_local_do_not_use_in_production' };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

await ensureConsoleBuilt((line) => console.error(line));
const bundle = firstScreenJs(CONSOLE_DIST);
console.error(`first screen JS: ${round(bundle.gzipBytes / 1024, 1)} KB gzip in ${bundle.files} files`);

const runtime = await startRuntime();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const page = await browser.newPage({ baseURL: runtime.url, locale: 'zh-CN' });
  // Sign in once; oidc-client-ts keeps the session in this tab's sessionStorage, so reloads stay signed in.
  await page.goto('/console/apps');
  await page.getByLabel(/邮箱/).fill(DEV.email);
  await page.getByLabel(/密码/).fill(DEV.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const appList = page.getByRole('heading', { level: 2, name: 'local dev app' });
  await appList.waitFor();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const jsBytes: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    let received = 0;
    const onResponse = async (response: import('@playwright/test').Response) => {
      if (!response.url().endsWith('.js')) return;
      const sizes = await response.request().sizes();
      received += sizes.responseBodySize;
    };
    page.on('response', onResponse);
    const started = Date.now();
    await page.goto('/console/apps');
    await appList.waitFor();
    times.push(Date.now() - started);
    page.off('response', onResponse);
    jsBytes.push(received);
  }
  const result = {
    startedAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, loadavg1m: round(loadavg()[0] ?? 0, 2) },
    firstScreenJs: {
      goalKbGzip: 300,
      kbGzip: round(bundle.gzipBytes / 1024, 1),
      kbRaw: round(bundle.bytes / 1024, 1),
      files: bundle.files,
      largest: bundle.largest.map((f) => ({ file: f.file, kbGzip: round(f.gzipBytes / 1024, 1) })),
      receivedByBrowserKb: round(median(jsBytes) / 1024, 1),
    },
    appsPageInteractive: {
      goalMs: 1500,
      loads: LOADS,
      cache: 'disabled',
      medianMs: median(times),
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      samplesMs: times,
    },
  };
  writeFileSync(join('bench', 'console', 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await runtime.stop();
}
