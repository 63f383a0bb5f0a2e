import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { TABLE_NAME: 'procure-core-test', LOG_LEVEL: 'SILENT', AWS_REGION: 'local' },
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
          globalSetup: ['test/integration/global-setup.ts'],
        },
      },
    ],
  },
});
