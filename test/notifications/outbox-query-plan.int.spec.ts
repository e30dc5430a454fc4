import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { DELIVERIES, OUTBOX_MESSAGES, ReadStoreOutbox, UNRECORDED, WITHDRAWAL } from '../../src/notifications/delivery/read-store-outbox';

/**
 * Withdrawing a case's or a step's reminders finds them through the id's primary
 * key, never through the (state, due) index, which holds every pending message of
 * the outbox (a search of it per withdrawal made the reminder reactor slower the
 * more reminders were waiting: bench:reminders).
 */
describe('the outbox withdrawal query on SQLite (EXPLAIN QUERY PLAN)', () => {
  let reads: SqliteReadStore;
  beforeAll(async () => {
    reads = new SqliteReadStore(':memory:');
    await new ReadStoreOutbox(reads, () => new Date()).ensureCollections();
  });
  afterAll(() => reads.close());

  it('searches the primary key by the id range, never the (state, due) index', async () => {
    const plan = (await reads.updateAllUnderPlan(OUTBOX_MESSAGES, 'reminder:C1:approval:', WITHDRAWAL)).join('\n');
    console.log(`withdrawal:\n  ${plan}`);
    expect(plan).toMatch(
      /^SEARCH rm_notification_outbox USING (INDEX sqlite_autoindex_rm_notification_outbox_1|PRIMARY KEY) \(id>\? AND id<\?\)/,
    );
    expect(plan).not.toMatch(/__state__due/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('finds the deliveries to record through the recorded flag, not among every sent delivery', async () => {
    const plan = (await reads.queryPlan(DELIVERIES, { ...UNRECORDED, limit: 200 })).join('\n');
    console.log(`unrecorded deliveries:\n  ${plan}`);
    expect(plan).toMatch(/^SEARCH rm_notification_deliveries USING INDEX rm_notification_deliveries__recorded__state /);
  });
});
