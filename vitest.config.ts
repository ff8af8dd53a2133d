import { defineConfig } from 'vitest/config';

const ci = process.env.CI === 'true';

export default defineConfig({
  test: {
    reporters: ci ? ['default', 'json'] : ['default'],
    // Not the json reporter's own outputFile: that one beats --outputFile.json, and npm test's IAM
    // pass names its own report (it overwrote the suites' report, so CI counted only the IAM tests).
    outputFile: { json: '.vitest-report.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: the emulators are shared, files run one after another.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'iam',
          include: ['test/iam/**/*.test.ts'],
          environment: 'node',
          // Judges the AWS calls the integration and e2e suites recorded: `npm test` runs it after them.
        },
      },
    ],
  },
});
