import { continuityGapsQuery, GapsFilter } from '../../src/continuity/continuity-gaps.query';
import { CONTINUITY_INDEX, continuityIndex } from '../../src/continuity/continuity-index.projection';
import { physicalName } from '../../src/projections/generations';
import { sqliteQueryPlans } from '../support/query-plans';

/** The report answers from an index, never from a scan of every employee (SQLite's EXPLAIN QUERY PLAN). */
describe('continuity-gaps report query on SQLite', () => {
  const { reads } = sqliteQueryPlans(continuityIndex);
  const table = physicalName(CONTINUITY_INDEX, 1);

  beforeAll(async () => {
    for (let i = 0; i < 2000; i++) {
      await reads.upsert(table, {
        id: `E${String(i).padStart(5, '0')}`,
        orgUnit: ['Finance', 'IT', 'Sales', 'Maths'][i % 4],
        region: ['shanghai', 'beijing'][i % 2],
        category: ['enterprise_regular', 'enterprise_contract', 'school_establishment'][i % 3],
        firstGapMonth: i % 10 === 0 ? `2024-${String((i % 12) + 1).padStart(2, '0')}` : null,
      });
    }
  });

  it.each<[string, Omit<GapsFilter, 'through'>, string]>([
    ['no filter', {}, 'firstGapMonth__id'],
    ['org unit', { orgUnit: 'Finance' }, 'orgUnit__firstGapMonth__id'],
    ['region', { region: 'beijing' }, 'region__firstGapMonth__id'],
    ['category', { category: 'school_establishment' }, 'category__firstGapMonth__id'],
    ['region and category', { region: 'shanghai', category: 'enterprise_regular' }, 'region__category__firstGapMonth__id'],
  ])('searches with %s through an index, in the report’s order', async (name, filter, index) => {
    const options = continuityGapsQuery({ through: '2024-12', ...filter }, { skip: 50, limit: 50 });
    const plan = await reads.queryPlan(table, options);
    console.log(`EXPLAIN QUERY PLAN, continuity-gaps (${name}):\n  ${plan.join('\n  ')}`);
    const sqlTable = `rm_${table}`;
    expect(plan[0]).toMatch(new RegExp(`^SEARCH ${sqlTable} USING INDEX ${sqlTable}__${index} \\((<expr>=\\? AND )*<expr><\\?\\)$`));
    // Neither a scan nor a sort: the index gives the rows in the report's order.
    expect(plan).toHaveLength(1);
  });

  it.each<[string, Omit<GapsFilter, 'through'>, string]>([
    ['no filter', {}, 'firstGapMonth__id'],
    ['org unit', { orgUnit: 'Finance' }, 'orgUnit__firstGapMonth__id'],
    ['region', { region: 'beijing' }, 'region__firstGapMonth__id'],
    ['category', { category: 'school_establishment' }, 'category__firstGapMonth__id'],
    ['region and category', { region: 'shanghai', category: 'enterprise_regular' }, 'region__category__firstGapMonth__id'],
  ])('counts with %s from the index alone, type guards included (no document read)', async (name, filter, index) => {
    const { filter: where } = continuityGapsQuery({ through: '2024-12', ...filter }, { skip: 0, limit: 50 });
    const plan = await reads.countPlan(table, where);
    console.log(`EXPLAIN QUERY PLAN, continuity-gaps count (${name}):\n  ${plan.join('\n  ')}`);
    const sqlTable = `rm_${table}`;
    expect(plan).toEqual([
      expect.stringMatching(
        new RegExp(`^SEARCH ${sqlTable} USING COVERING INDEX ${sqlTable}__${index} \\((<expr>=\\? AND )*<expr><\\?\\)$`),
      ),
    ]);
  });
});
