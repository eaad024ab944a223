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

/** What every project shares: how TypeScript and TSX are compiled, and how `@rw/...` imports resolve. */
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx$': ['@swc/jest', swc(true)],
    '^.+\\.(t|j)s$': ['@swc/jest', swc(false)],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@formatjs|intl-messageformat|cookie|commander)/)'],
  moduleNameMapper: {
    '^@rw/(event-store|read-models|fundraising|payments|kernel)$': '<rootDir>/libs/$1/src/index.ts',
    '^@rw/(event-store|read-models|fundraising|payments|kernel)/(.*)$': '<rootDir>/libs/$1/src/$2',
    '^@rw/runtime/(.*)$': '<rootDir>/libs/runtime/src/$1',
    '^@rw/platform/(.*)$': '<rootDir>/apps/platform/src/$1',
  },
};

/**
 * One project per kind of test (`npm run test:unit`, `test:conformance`, `test:e2e`, `test:browser`, `test:crash`;
 * `jest` alone runs them all). Nothing is compiled up front: the few tests that start the compiled code as a process
 * (the crash children, the server's entry point, the stand-in's) ask `test/support/built.ts` for it, which compiles
 * once per run.
 */
const project = (displayName, roots, testMatch) => ({
  ...common,
  displayName,
  roots: roots.map((root) => `<rootDir>/${root}`),
  testMatch,
});

module.exports = {
  projects: [
    // the code's own specs beside it, no process, no network; and the deployment files read as data
    project(
      'unit',
      ['apps', 'libs', 'test/deploy', 'test/architecture', 'test/docs'],
      ['**/*.spec.ts', '**/*.spec.tsx'],
    ),
    // the event-store conformance suite against EventStoreDB (stand-in, and a real server when configured)
    project('conformance', ['test/conformance'], ['**/*.spec.ts']),
    // the whole platform through HTTP (supertest), on the embedded store
    project('e2e', ['test/e2e'], ['**/*.e2e-spec.ts']),
    // Chromium driving the running platform
    project('browser', ['test/browser'], ['**/*.e2e-spec.ts']),
    // child processes killed with SIGKILL
    project('crash', ['test/crash'], ['**/*.spec.ts']),
  ],
  globalSetup: '<rootDir>/test/support/test-run.js',
  testTimeout: 30000,
};
