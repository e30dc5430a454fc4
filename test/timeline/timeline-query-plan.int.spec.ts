import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { TimelineCriteria, timelineFind } from '../../src/timeline/timeline-query';
import { timeline, TIMELINE_ENTRIES } from '../../src/timeline/timeline.projection';

/** The timeline answers from index range scans, never by scanning the collection (nor by replaying the log). */
describe('timeline queries on SQLite (EXPLAIN QUERY PLAN)', () => {
  let store: SqliteReadStore;
  beforeAll(async () => {
    store = new SqliteReadStore(':memory:');
    await store.ensureCollection(TIMELINE_ENTRIES, timeline.collections[TIMELINE_ENTRIES]);
  });
  afterAll(() => store.close());

  const plan = async (criteria: TimelineCriteria) =>
    (await store.queryPlan(TIMELINE_ENTRIES, { ...timelineFind(criteria), skip: 50, limit: 50 })).join('\n');

  it.each<[string, TimelineCriteria, RegExp]>([
    ['recorded', { employeeId: 'E1', order: 'recorded' }, /USING INDEX rm_timeline_entries__employeeId__positionKey__id /],
    ['effective', { employeeId: 'E1', order: 'effective' }, /USING INDEX rm_timeline_entries__employeeId__effectiveDate__positionKey__id /],
    [
      'recorded, asKnownAt',
      { employeeId: 'E1', order: 'recorded', asKnownAt: '2024-05-10T00:00:00.000Z' },
      /USING INDEX rm_timeline_entries__employeeId__/,
    ],
    [
      'effective, asKnownAt, from, to',
      { employeeId: 'E1', order: 'effective', asKnownAt: '2024-05-10T00:00:00.000Z', from: '2024-01-01', to: '2024-03-31' },
      /USING INDEX rm_timeline_entries__employeeId__effectiveDate__positionKey__id /,
    ],
    [
      'recorded, one type',
      { employeeId: 'E1', order: 'recorded', types: ['ContributionRecorded'] },
      // The types filter within the employee's range: an index of its own was as large as the table's rows.
      /USING INDEX rm_timeline_entries__employeeId__positionKey__id /,
    ],
  ])('order=%s searches an index', async (title, criteria, index) => {
    const text = await plan(criteria);
    console.log(`timeline, ${title}:\n${text}`);
    expect(text).toMatch(/^SEARCH rm_timeline_entries USING INDEX/);
    expect(text).toMatch(index);
    expect(text).not.toMatch(/SCAN rm_timeline_entries/);
  });

  it('needs no sort step when the order is the index order', async () => {
    expect(await plan({ employeeId: 'E1', order: 'recorded' })).not.toMatch(/TEMP B-TREE/);
    expect(await plan({ employeeId: 'E1', order: 'effective', from: '2024-01-01' })).not.toMatch(/TEMP B-TREE/);
  });
});
