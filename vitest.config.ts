import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// In the repository `@procure-core/sdk` is its TypeScript sources; what ships (dist/) is built and tested by packing
// it (test/integration/sdk-package.test.ts).
const SDK_SOURCES = fileURLToPath(new URL('./sdk/typescript/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@procure-core/sdk': SDK_SOURCES } },
  test: {
    env: {
      TABLE_NAME: 'procure-core-test',
      LOG_LEVEL: 'SILENT',
      AWS_REGION: 'local',
      // List cursors need a key outside the local runtime (shared/store/cursor-key.ts); this one is for tests only.
      CURSOR_SECRET: 'test-only cursor key, never used anywhere else',
      // Node 20 here, Lambda runs Node 22: the SDK's reminder would repeat in every worker and child process.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'cdk', include: ['test/cdk/**/*.test.ts'], testTimeout: 120_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Tests that read list totals first let the stream's counters consumer catch up over a DynamoDB Local
          // that every test file shares; in a full run that can take longer than a unit test's 20 s.
          testTimeout: 90_000,
          globalSetup: ['test/integration/global-setup.ts'],
        },
      },
    ],
  },
});
