import NodeEnvironment from 'jest-environment-node';

/** The global a test's afterEach reads to know whether the test (or one of its hooks) failed. */
export const TEST_FAILED = '__testFailed';

/**
 * Jest's node environment, plus one flag: an afterEach hook cannot otherwise know that the test
 * before it failed, and the browser suites explain a failure (what the page showed, which requests
 * were still pending) only then (test/support/page-recorder.ts).
 */
export default class FailureAwareEnvironment extends NodeEnvironment {
  handleTestEvent(event: { name: string }): void {
    if (event.name === 'test_start') this.global[TEST_FAILED] = false;
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.global[TEST_FAILED] = true;
  }
}
