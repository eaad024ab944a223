// Jest runs the TypeScript sources through swc (typescript@7 has no JS API, so ts-jest cannot be used).
// NestJS 12 and commander 15 ship ESM only: their packages are transformed to CommonJS like our own code.
const swc = (tsx) => ({
  swcrc: false, // .swcrc is for the build (by file extension); jest gives each extension its own options here
  sourceMaps: 'inline',
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', tsx, decorators: true },
    transform: {
      legacyDecorator: true,
      decoratorMetadata: true,
      useDefineForClassFields: false,
      ...(tsx ? { react: { runtime: 'automatic', importSource: 'preact' } } : {}),
    },
    keepClassNames: true,
  },
});

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.tsx$': ['@swc/jest', swc(true)],
    '^.+\\.(t|j)s$': ['@swc/jest', swc(false)],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|commander)/)'],
  moduleNameMapper: {
    '^@rw/(event-store|read-models|fundraising|payments|kernel)$': '<rootDir>/libs/$1/src/index.ts',
    '^@rw/(event-store|read-models|fundraising|payments|kernel)/(.*)$': '<rootDir>/libs/$1/src/$2',
    '^@rw/runtime/(.*)$': '<rootDir>/libs/runtime/src/$1',
    '^@rw/platform/(.*)$': '<rootDir>/apps/platform/src/$1',
  },
  globalSetup: '<rootDir>/test/support/build.js',
  testTimeout: 30000,
};
