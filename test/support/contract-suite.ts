/**
 * How a contract suite (event-store, read-store, key-store .contract.ts) is declared
 * when the server it needs may be missing: its tests are still registered, one by one,
 * as skipped, so that Jest's count of skipped tests (and .ci/run's closing line) says
 * how many did not run. A single placeholder test, or nothing at all, would hide them.
 *
 * Availability is decided when the test file is loaded (Jest collects tests
 * synchronously, before any beforeAll), from an environment variable or a binary on disk.
 */
export interface ContractOptions {
  /** False when the server the harness needs is absent: every test is reported skipped, no hook runs. Default true. */
  available?: boolean;
}

/** `describe`, or `describe.skip` when the server is not available (its hooks, and so the harness, then never run). */
export const suite = ({ available = true }: ContractOptions): jest.Describe => (available ? describe : describe.skip);
