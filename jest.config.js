// Three tiers: unit tests live beside the code (*.spec.ts); integration tests under test/
// talk to real SQLite/Postgres files and real HTTP servers on 127.0.0.1.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }];
const common = {
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: { '^@sentinel/shared$': '<rootDir>/shared/src/index.ts' },
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/server/src/**/*.spec.ts', '<rootDir>/server/demo/**/*.spec.ts', '<rootDir>/shared/src/**/*.spec.ts'] },
    // Signing users in costs a scrypt hash each (by design), so a test that sets up a few users
    // needs more than jest's default 5 s on a busy 2-core machine; waits inside tests stay bounded.
    { ...common, displayName: 'integration', testTimeout: 20_000, testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
