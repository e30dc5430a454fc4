import { EMPLOYEE_PROFILES, employeeProfiles } from '../../src/employees/employee-profile.projection';
import { profilesQuery } from '../../src/employees/profile-names';
import { physicalName } from '../../src/projections/generations';
import { INCOMPLETE_RECORDS, incompleteRecords } from '../../src/reports/incomplete-records.projection';
import { incompleteRecordsQuery } from '../../src/reports/incomplete-records.queries';
import { OrganisationFilter } from '../../src/reports/organisation-filter.dto';
import { sqliteQueryPlans } from '../support/query-plans';

/** Every query of the incomplete-records report, as SQLite plans it: each must search an index, never scan a table. */
describe('incomplete-records queries use indexes (SQLite EXPLAIN QUERY PLAN)', () => {
  const { planOf, reads } = sqliteQueryPlans(incompleteRecords, employeeProfiles);
  const records = physicalName(INCOMPLETE_RECORDS, 1);
  const profiles = physicalName(EMPLOYEE_PROFILES, 1);
  const page = { skip: 50, limit: 50 };

  const filters: Array<[string, OrganisationFilter, string]> = [
    ['no filter', {}, '__incompleteFrom__id ('],
    ['region and category', { region: 'shanghai', category: 'enterprise_regular' }, '__region__category__incompleteFrom__id ('],
    ['region', { region: 'shanghai' }, '__region__incompleteFrom__id ('],
    ['category', { category: 'enterprise_regular' }, '__category__incompleteFrom__id ('],
    ['org unit', { orgUnit: 'Finance' }, '__orgUnit__incompleteFrom__id ('],
  ];
  it.each(filters)('records incomplete today, a page, %s', async (title, filter, index) => {
    const plan = await planOf(`incomplete records: ${title}`, records, incompleteRecordsQuery('2024-08-01', filter, page));
    // One line: the index gives the rows in the report's order, with no sort after it.
    expect(plan).toMatch(new RegExp(`^SEARCH rm_${records} USING INDEX rm_${records}${index.replace('(', '\\(')}`));
    expect(plan.split('\n')).toHaveLength(1);
  });

  it.each(filters)('counts the records incomplete today, %s, from the index alone (type guards included)', async (title, filter, index) => {
    const plan = await reads.countPlan(records, incompleteRecordsQuery('2024-08-01', filter, page).filter);
    console.log(`incomplete records count: ${title}\n  ${plan.join('\n  ')}`);
    expect(plan).toEqual([expect.stringContaining(`SEARCH rm_${records} USING COVERING INDEX rm_${records}${index}`)]);
  });

  it('the names of a page, from the profiles by id', async () => {
    expect(await planOf('incomplete records: names by id', profiles, profilesQuery(['E1', 'E2']))).toContain('(id=?)');
  });
});
