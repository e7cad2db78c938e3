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
    { ...common, displayName: 'integration', setupFilesAfterEnv: ['<rootDir>/test/support/integration-setup.ts'], testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
