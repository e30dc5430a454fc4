import { BatchSideWrites } from '../../src/infrastructure/read-store/read-store.port';

const refuse = (): never => {
  throw new Error('This test view keeps documents only: side writes go through the outbox under test (InMemoryOutbox.inBatch)');
};

/** For a test's projection view over plain maps: a side write asked of it fails the test rather than vanishing. */
export const noSideWrites: BatchSideWrites = { insertAllIfAbsent: refuse, updateAllUnder: refuse, afterCommit: refuse };
