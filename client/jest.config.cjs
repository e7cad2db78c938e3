// Unit tests of the client's pure logic (filters, caches, digests), in node: `npx jest -c client/jest.config.cjs`.
// Rendering and the browser are covered by the browser e2e tests under test/.
module.exports = {
  rootDir: __dirname,
  displayName: 'client',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: {
    '^@sentinel/shared$': '<rootDir>/../shared/src/index.ts',
    '^@sentinel/shared/(.*)$': '<rootDir>/../shared/src/$1.ts',
  },
};
