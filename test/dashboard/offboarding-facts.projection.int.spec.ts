import { refusals } from '../../src/audit/refusals.projection';
import { offboardingDashboard } from '../../src/dashboard/offboarding-dashboard';
import { FactRow } from '../../src/dashboard/offboarding-facts';
import { OFFBOARDING_FACTS, offboardingFacts } from '../../src/dashboard/offboarding-facts.projection';
import { PerformStep } from '../../src/domain/offboarding/offboarding.commands';
import { completeTransfer, manager, perform, requestTransfer } from '../domain/offboarding/fixtures';
import { event, projectionSpec } from '../support/projection-harness';
import { caseEvents, hiredIn, openFor } from './case-fixtures';

const on = (day: string, command: PerformStep): PerformStep => ({ ...command, data: { ...command.data, effectiveDate: day } });
const cancel = { type: 'CancelCase' as const, data: { note: 'withdrawn', actor: { id: 'u', role: 'hr_specialist' as const } } };

/** Opened 2024-06-20, last working day 2024-06-30; rejected once; on time; completed 2024-07-20 (30 days). */
const caseA = [
  openFor('KA', 'E1', { openedAt: '2024-06-20', reason: 'dismissal' }),
  on('2024-06-20', perform('approval')),
  on('2024-06-21', perform('handover')),
  requestTransfer('2024-07-01'),
  on('2024-07-03', perform('si_transfer_out', { action: 'reject', note: '材料不全' })),
  requestTransfer('2024-07-04'),
  on('2024-07-05', completeTransfer()),
  ...(['labor_termination', 'housing_fund_transfer', 'termination_certificate'] as const).map((k) => on('2024-07-06', perform(k))),
  on('2024-07-15', perform('archive_transfer')),
  on('2024-07-20', perform('severance_payment')),
];

/** Opened 2024-07-01, last working day 2024-07-10; an override; archive on the 16th day: late; completed 2024-07-26 (25 days). */
const caseB = [
  openFor('KB', 'E2', { openedAt: '2024-07-01', lastWorkingDay: '2024-07-10', reason: 'resignation' }),
  on('2024-07-01', perform('approval')),
  requestTransfer('2024-07-11'),
  on('2024-07-12', completeTransfer('2024-07')),
  on('2024-07-12', perform('labor_termination', { actor: manager, override: { reason: 'handover signed by phone' } })),
  ...(['handover', 'housing_fund_transfer', 'termination_certificate'] as const).map((k) => on('2024-07-12', perform(k))),
  on('2024-07-26', perform('archive_transfer')),
];

/** Beijing, enterprise_contract, opened 2024-07-05, cancelled 2024-07-08. */
const caseC = [openFor('KC', 'E3', { openedAt: '2024-07-05', region: 'beijing', category: 'enterprise_contract' }), cancel];

/** Opened 2024-07-10, approved, transfer-out filed and unanswered: still open. */
const caseD = [openFor('KD', 'E4', { openedAt: '2024-07-10' }), on('2024-07-10', perform('approval')), requestTransfer('2024-07-11')];

projectionSpec('offboarding dashboard facts', offboardingFacts, ({ given, collection, store, physical }) => {
  const rows = async (kind: string) => (await collection<FactRow>(OFFBOARDING_FACTS)).filter((r) => r.kind === kind);

  it('gives a case the org unit its employee is in when it opens; a later move does not move it', async () => {
    await given([
      hiredIn('E1', 'Finance'),
      ...caseEvents('KA', caseA.slice(0, 2)),
      event('employee-E1', 'PositionChanged', { employeeId: 'E1', position: 'Lead', orgUnit: 'Sales', effectiveDate: '2024-06-25' }),
      ...caseEvents('KA', caseA).slice(2, 4),
      ...caseEvents('KX', [openFor('KX', 'E1', { openedAt: '2024-06-26' })]),
    ]);
    expect((await rows('opened')).map((r) => [r.caseId, r.orgUnit, r.region, r.category])).toEqual([
      ['KA', 'Finance', 'shanghai', 'enterprise_regular'],
      ['KX', 'Sales', 'shanghai', 'enterprise_regular'],
    ]);
    expect((await rows('open')).map((r) => r.orgUnit)).toEqual(['Finance', 'Sales']);
  });

  it('keeps the rows of a walked case: filings by answer date, the override, the completion; no open row once closed', async () => {
    await given([hiredIn('E1', 'Finance'), hiredIn('E2', 'Finance'), ...caseEvents('KA', caseA), ...caseEvents('KB', caseB)]);
    const brief = (await collection<FactRow>(OFFBOARDING_FACTS)).map(({ id, date, outcome, step, daysToComplete, onTime }) => ({
      id,
      date,
      outcome,
      step,
      daysToComplete,
      onTime,
    }));
    expect(brief).toEqual([
      { id: 'KA:completed', date: '2024-07-20', daysToComplete: 30, onTime: true },
      { id: 'KA:filing:0', date: '2024-07-03', outcome: 'rejected' },
      { id: 'KA:filing:1', date: '2024-07-05', outcome: 'completed' },
      // 退工 registered: an accepted filing, under any policy version.
      { id: 'KA:labor_filing:0', date: '2024-07-06', outcome: 'completed' },
      { id: 'KA:opened', date: '2024-06-20' },
      { id: 'KB:completed', date: '2024-07-26', daysToComplete: 25, onTime: false },
      { id: 'KB:filing:0', date: '2024-07-12', outcome: 'completed' },
      { id: 'KB:labor_filing:0', date: '2024-07-12', outcome: 'completed' },
      { id: 'KB:opened', date: '2024-07-01' },
      { id: 'KB:override:0', date: '2024-07-12', step: 'labor_termination' },
    ]);
  });

  it('dates a cancellation by its effective date', async () => {
    await given([
      hiredIn('E3', 'Sales', 'beijing', 'enterprise_contract'),
      ...caseEvents('KC', caseC.slice(0, 1)),
      event('offboarding-KC', 'OffboardingCaseCancelled', cancel.data, { effectiveDate: '2024-07-08' }),
    ]);
    expect(await rows('cancelled')).toEqual([
      {
        id: 'KC:cancelled',
        kind: 'cancelled',
        date: '2024-07-08',
        caseId: 'KC',
        orgUnit: 'Sales',
        region: 'beijing',
        category: 'enterprise_contract',
      },
    ]);
    expect(await rows('open')).toEqual([]);
  });

  it('answers every dashboard figure from the rows and the refusals, with filters', async () => {
    await given([
      hiredIn('E1', 'Finance'),
      hiredIn('E2', 'Finance'),
      hiredIn('E3', 'Sales', 'beijing', 'enterprise_contract'),
      hiredIn('E4', 'Sales'),
      ...caseEvents('KA', caseA),
      ...caseEvents('KB', caseB),
      ...caseEvents('KC', caseC.slice(0, 1)),
      event('offboarding-KC', 'OffboardingCaseCancelled', cancel.data, { effectiveDate: '2024-07-08' }),
      ...caseEvents('KD', caseD),
    ]);
    const refused = 'refusals_spec';
    await store().ensureCollection(refused, refusals.collections.refusals);
    const refusal = (id: string, recordedAt: string, caseId: string | null, step: string | null, command = 'PerformStep') =>
      store().upsert(refused, { id, recordedAt, caseId, step, command, code: 'STEP_LOCKED', employeeId: null });
    await refusal('r1', '2024-07-02T09:00:00.000Z', 'KA', 'labor_termination');
    await refusal('r2', '2024-07-01T09:00:00.000Z', 'KB', 'approval');
    await refusal('r3', '2024-07-06T09:00:00.000Z', 'KC', 'labor_termination');
    await refusal('r4', '2024-08-01T00:00:00.000Z', 'KD', 'labor_termination');
    await refusal('r5', '2024-05-31T23:59:59.999Z', 'KA', 'labor_termination');
    await refusal('r6', '2024-07-02T09:00:00.000Z', null, null, 'OpenCase');
    await refusal('r7', '2024-07-31T23:59:59.999Z', 'NOPE', 'handover');

    const dashboard = (q: Record<string, string>) =>
      offboardingDashboard(
        store(),
        { facts: physical(OFFBOARDING_FACTS), refusals: refused },
        { from: '2024-06-01', to: '2024-07-31', ...q },
      );
    expect(await dashboard({})).toEqual({
      filters: { from: '2024-06-01', to: '2024-07-31', orgUnit: null, region: null, category: null },
      casesOpened: 4,
      casesCompleted: 2,
      casesCancelled: 1,
      onTimeRate: 0.5,
      siTransferSuccessRate: 0.6667,
      laborTerminationFilingSuccessRate: 1,
      filingRejections: { siTransferOut: 1, laborTermination: 0 },
      averageDaysToComplete: 27.5,
      medianDaysToComplete: 27.5,
      blockedAttempts: { total: 4, byStep: { approval: 1, handover: 1, labor_termination: 2 } },
      overrides: { total: 1, byStep: { labor_termination: 1 } },
      openByStep: { handover: 1, housing_fund_transfer: 1, si_transfer_out: 1, termination_certificate: 1 },
      byMonth: [
        expect.objectContaining({ month: '2024-06', casesOpened: 1, casesCompleted: 0, blockedAttempts: { total: 0, byStep: {} } }),
        // r7, on the last millisecond of July (UTC), is July's.
        expect.objectContaining({
          month: '2024-07',
          casesOpened: 3,
          casesCompleted: 2,
          casesCancelled: 1,
          onTimeRate: 0.5,
          blockedAttempts: { total: 4, byStep: { approval: 1, handover: 1, labor_termination: 2 } },
        }),
      ],
    });
    expect(await dashboard({ region: 'beijing' })).toMatchObject({
      casesOpened: 1,
      casesCompleted: 0,
      casesCancelled: 1,
      onTimeRate: null,
      siTransferSuccessRate: null,
      averageDaysToComplete: null,
      medianDaysToComplete: null,
      blockedAttempts: { total: 1, byStep: { labor_termination: 1 } },
      overrides: { total: 0, byStep: {} },
      openByStep: {},
    });
    expect(await dashboard({ orgUnit: 'Sales', region: 'shanghai', category: 'enterprise_regular' })).toMatchObject({
      casesOpened: 1,
      casesCancelled: 0,
      blockedAttempts: { total: 0 },
      openByStep: { si_transfer_out: 1 },
    });
    expect(await dashboard({ from: '2024-07-20', to: '2024-07-20' })).toMatchObject({
      casesOpened: 0,
      casesCompleted: 1,
      onTimeRate: 1,
      averageDaysToComplete: 30,
      siTransferSuccessRate: null,
    });
  });
});
