/** Real Chromium (Debian's) driving the built task pane and preview against real Azurite and the dev host. */
module.exports = {
  displayName: 'browser',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 120000,
};
