// Three levels, named by file suffix (docs/DESIGN.md): unit (pure), int (a real store), e2e (HTTP).
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const common = { transform, testEnvironment: 'node', rootDir: __dirname };
// Tests that start the service or a store: under --experimental-vm-modules every test file
// loads Nest, Fastify and Swagger afresh (ESM is not shared between files), which on 2 busy
// cores took over Jest's default 5 s in a beforeAll; a hook that times out then leaves the
// start-up running after the file is torn down, and Swagger's late import ends the whole run.
// A budget, not an assertion: speed is measured in bench/, never in tests. Jest 30 reads
// testTimeout from the root of the configuration only: set in a project it was ignored
// (hooks still timed out at 5 s), so it is set here for every level.
module.exports = {
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/test/**/*.int.spec.ts'] },
    // The browser suites explain a failed test from an afterEach hook, which needs to know it failed.
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
      testEnvironment: '<rootDir>/test/support/failure-aware-environment.ts',
    },
  ],
};
