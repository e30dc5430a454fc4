import { BatchSideWrites } from '../../src/infrastructure/read-store/read-store.port';
import { ProjectionView } from '../../src/projections/projection';

const refuse = (): never => {
  throw new Error('This test view keeps documents only: side writes go through the outbox under test (InMemoryOutbox.inBatch)');
};

/**
 * For a test's projection view over plain maps: a side write (or an ordered task, which only
 * the process manager asks for) asked of it fails the test rather than vanishing.
 */
export const noSideWrites: BatchSideWrites & Pick<ProjectionView, 'inOrder'> = {
  insertAllIfAbsent: refuse,
  updateAllUnder: refuse,
  afterCommit: refuse,
  inOrder: refuse,
};
