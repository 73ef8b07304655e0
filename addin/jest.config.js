/** Pure sheet-reading code, the workbook adapter against a fake Excel, components under jsdom. */
module.exports = {
  displayName: 'addin',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/test/browser/'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 30000,
  // Tests that set SALESDESK_DEV_IDENTITY call the API with a real token for those roles.
  setupFiles: ['<rootDir>/test/support/defaultCaller.ts'],
};
