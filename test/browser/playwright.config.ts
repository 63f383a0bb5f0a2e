// Browser tests of the partner console: Debian's chromium (Playwright's own browser download is not reachable here)
// against the real local runtime, started once on free ports with a temporary DATA_DIR (see global-setup.ts).
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // One runtime, one dev organisation: the flows change shared state, and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? 'list' : [['list']],
  globalSetup: './support/global-setup.ts',
  outputDir: '../../test-results',
  use: {
    baseURL: process.env.CONSOLE_BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] },
  },
});
