/**
 * Queries as SQLite plans them (EXPLAIN QUERY PLAN), for the specs that pin a
 * report's queries to indexes. Call inside a describe: it registers the set-up.
 */
import { FindOptions } from '../../src/infrastructure/read-store/read-store.port';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { prepareGeneration } from '../../src/projections/generations';
import { Projection } from '../../src/projections/projection';

export interface QueryPlans {
  /** A store in memory holding the projections' collections of generation 1 (physicalName(name, 1)), empty. */
  reads: SqliteReadStore;
  /** The plan of a find, printed under `title` and checked to scan no table; its lines joined, for toContain. */
  planOf(title: string, collection: string, options: FindOptions): Promise<string>;
}

export function sqliteQueryPlans(...projections: Projection[]): QueryPlans {
  const reads = new SqliteReadStore(':memory:');
  beforeAll(async () => {
    for (const projection of projections) await prepareGeneration(reads, projection, 1);
  });
  afterAll(() => reads.close());
  return {
    reads,
    planOf: async (title, collection, options) => {
      const plan = await reads.queryPlan(collection, options);
      console.log(`${title}\n  ${plan.join('\n  ')}`);
      expect(plan.some((line) => line.startsWith('SCAN rm_'))).toBe(false);
      return plan.join('\n');
    },
  };
}
