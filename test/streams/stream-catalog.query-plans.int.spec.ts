import { physicalName } from '../../src/projections/generations';
import { streamCatalog, STREAMS, streamsPageQuery } from '../../src/streams';
import { sqliteQueryPlans } from '../support/query-plans';

/**
 * GET /api/audit/streams, as SQLite plans it: a page by name reads the primary key or the
 * (category, id) index in order, so that a page costs its rows, not the catalog's.
 */
describe('stream catalog pages use indexes (SQLite EXPLAIN QUERY PLAN)', () => {
  const { reads, planOf } = sqliteQueryPlans(streamCatalog);
  const streams = physicalName(STREAMS, 1);

  it('the first page of every stream walks the primary key in order, reading the page only', async () => {
    const plan = (await reads.queryPlan(streams, streamsPageQuery({ pageSize: 50 }))).join('\n');
    expect(plan).toContain(`USING INDEX sqlite_autoindex_rm_${streams}_1`);
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it.each([
    ['every stream after a name', { after: 'employee-E1001', pageSize: 50 }, `sqlite_autoindex_rm_${streams}_1 (id>?)`],
    ['one category', { category: 'employee', pageSize: 50 }, `rm_${streams}__category__id (`],
    ['one category after a name', { category: 'employee', after: 'employee-E1001', pageSize: 50 }, `rm_${streams}__category__id (`],
  ])('%s', async (title, page, index) => {
    const plan = await planOf(`streams: ${title}`, streams, streamsPageQuery(page));
    expect(plan).toContain(index);
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
