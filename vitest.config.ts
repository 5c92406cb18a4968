import { defineConfig } from 'vitest/config'

// One run over every package: unit tests beside each package, cross-package
// tests in tests/. Database tests get their own database per file (see
// tests/support/database.ts), so files may run in parallel. The first global setup builds
// @kairos/sdk (packages/sdk/dist), which everything else imports; the setups after it load
// server code only inside their setup function, once the build is there.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'nodes/*/test/**/*.test.ts', 'channels/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/sdk-package/build-sdk.setup.ts', 'tests/support/global-setup.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
