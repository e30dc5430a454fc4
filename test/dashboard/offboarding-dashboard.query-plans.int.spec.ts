import { refusals, REFUSALS } from '../../src/audit/refusals.projection';
import { FactKind } from '../../src/dashboard/offboarding-facts';
import { OFFBOARDING_FACTS, offboardingFacts } from '../../src/dashboard/offboarding-facts.projection';
import { casesInOrganisationQuery, DashboardRange, factsQuery, refusalsQuery } from '../../src/dashboard/offboarding-dashboard.queries';
import { physicalName } from '../../src/projections/generations';
import { sqliteQueryPlans } from '../support/query-plans';

/** Every query the dashboard makes, as SQLite plans it: each must search an index, never scan a table. */
describe('dashboard queries use indexes (SQLite EXPLAIN QUERY PLAN)', () => {
  const { planOf } = sqliteQueryPlans(offboardingFacts, refusals);
  const facts = physicalName(OFFBOARDING_FACTS, 1);
  const refused = physicalName(REFUSALS, 1);
  const range: DashboardRange = { from: '2024-01-01', to: '2024-12-31' };

  const kinds: FactKind[] = ['opened', 'completed', 'cancelled', 'filing', 'override', 'open'];
  it.each(kinds)('%s facts in a range', async (kind) => {
    expect(await planOf(`${kind}: range`, facts, factsQuery(kind, range))).toContain(`USING INDEX rm_${facts}__kind__date (`);
  });

  it.each([
    ['region and category', { region: 'shanghai', category: 'enterprise_regular' }, '__kind__region__category__date ('],
    ['org unit', { orgUnit: 'Finance' }, '__kind__orgUnit__date ('],
    ['region only', { region: 'beijing' }, '__kind__'],
    ['category only', { category: 'enterprise_contract' }, '__kind__'],
  ])('facts in a range for a %s', async (title, filter, index) => {
    expect(await planOf(`completed: range and ${title}`, facts, factsQuery('completed', { ...range, ...filter }))).toContain(
      `USING INDEX rm_${facts}${index}`,
    );
  });

  it('refused step commands recorded in a range', async () => {
    expect(await planOf('blocked attempts: refusals by recordedAt', refused, refusalsQuery(range))).toContain(
      `USING INDEX rm_${refused}__recordedAt (`,
    );
  });

  it('the cases of those refusals in an org unit, region or category', async () => {
    const plan = await planOf(
      'blocked attempts: their cases by id',
      facts,
      casesInOrganisationQuery(['K1', 'K2'], { ...range, orgUnit: 'Finance' }),
    );
    expect(plan).toContain('(id=?)');
  });
});
