// Jest runs the TypeScript sources through swc (typescript@7 has no JS API, so ts-jest cannot be used).
// NestJS 12 ships ESM only: its packages are transformed to CommonJS like our own code.
const swc = {
  sourceMaps: 'inline',
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleNameMapper: {
    '^@rw/(event-store|read-models|fundraising|payments)$': '<rootDir>/libs/$1/src/index.ts',
    '^@rw/(event-store|read-models|fundraising|payments)/(.*)$': '<rootDir>/libs/$1/src/$2',
    '^@rw/platform/(.*)$': '<rootDir>/apps/platform/src/$1',
  },
  globalSetup: '<rootDir>/test/support/build.js',
  testTimeout: 30000,
};
