import { caseFacts } from '../../src/dashboard/offboarding-facts';
import { OffboardingCommand } from '../../src/domain/offboarding/offboarding.commands';
import { completeTransfer, manager, openCase, perform, requestTransfer } from '../domain/offboarding/fixtures';
import { caseAfter } from './case-fixtures';

const context = { orgUnit: 'Finance', cancelledOn: null };
const common = { caseId: 'K1', orgUnit: 'Finance', region: 'shanghai', category: 'enterprise_regular' };

/** Shanghai, enterprise_regular, dismissal; opened 2024-06-01, last working day 2024-06-30. */
describe('fact rows of a case', () => {
  it('has an opened row and, while open, the steps where work waits', () => {
    expect(caseFacts(caseAfter([openCase()]), context)).toEqual([
      { id: 'K1:opened', kind: 'opened', date: '2024-06-01', ...common },
      { id: 'K1:open', kind: 'open', date: '2024-06-01', ...common, waiting: ['approval'] },
    ]);
    const filed = caseFacts(caseAfter([openCase(), perform('approval'), requestTransfer()]), context);
    expect(filed.find((r) => r.kind === 'open')!.waiting).toEqual([
      'handover',
      'si_transfer_out',
      'housing_fund_transfer',
      'termination_certificate',
    ]);
  });

  it('dates each answered filing by the answer: a rejection and the completion that followed; a pending filing has no row', () => {
    const reject = perform('si_transfer_out', { action: 'reject', note: '材料不全', effectiveDate: '2024-07-03' });
    const pending = caseAfter([openCase(), perform('approval'), requestTransfer('2024-07-01'), reject, requestTransfer('2024-07-04')]);
    expect(caseFacts(pending, context).filter((r) => r.kind === 'filing')).toEqual([
      { id: 'K1:filing:0', kind: 'filing', date: '2024-07-03', ...common, outcome: 'rejected' },
    ]);
    const done = caseAfter([
      openCase(),
      perform('approval'),
      requestTransfer('2024-07-01'),
      reject,
      requestTransfer('2024-07-04'),
      { ...completeTransfer(), data: { ...completeTransfer().data, effectiveDate: '2024-07-05' } },
    ]);
    expect(
      caseFacts(done, context)
        .filter((r) => r.kind === 'filing')
        .map((r) => [r.id, r.date, r.outcome]),
    ).toEqual([
      ['K1:filing:0', '2024-07-03', 'rejected'],
      ['K1:filing:1', '2024-07-05', 'completed'],
    ]);
  });

  it('has a row per override, dated by the override', () => {
    const c = caseAfter([
      openCase(),
      perform('handover', { actor: manager, effectiveDate: '2024-06-10', override: { reason: 'approved by phone' } }),
    ]);
    expect(caseFacts(c, context).filter((r) => r.kind === 'override')).toEqual([
      { id: 'K1:override:0', kind: 'override', date: '2024-06-10', ...common, step: 'handover' },
    ]);
  });

  it('replaces the open row by a completed row with the days taken and the art. 50 verdict', () => {
    const on = (key: Parameters<typeof perform>[0], day: string) => perform(key, { effectiveDate: day });
    const c = caseAfter([
      openCase(),
      on('approval', '2024-06-02'),
      on('handover', '2024-06-30'),
      requestTransfer('2024-07-01'),
      { ...completeTransfer(), data: { ...completeTransfer().data, effectiveDate: '2024-07-05' } },
      on('labor_termination', '2024-07-06'),
      on('housing_fund_transfer', '2024-07-06'),
      on('termination_certificate', '2024-07-06'),
      on('archive_transfer', '2024-07-16'),
      on('severance_payment', '2024-07-20'),
    ]);
    const rows = caseFacts(c, context);
    expect(rows.find((r) => r.kind === 'open')).toBeUndefined();
    expect(rows.find((r) => r.kind === 'completed')).toEqual({
      id: 'K1:completed',
      kind: 'completed',
      date: '2024-07-20',
      ...common,
      daysToComplete: 49,
      onTime: false,
    });
  });

  // Steps dated before the case's opening are refused since DATE_OUT_OF_ORDER; a case entered after the fact opens on its real day.
  it('counts a case completed on the day it was opened (entered after the fact) as taking 0 days', () => {
    const keys = [
      'approval',
      'handover',
      'labor_termination',
      'housing_fund_transfer',
      'termination_certificate',
      'archive_transfer',
    ] as const;
    const steps = [
      perform('approval'),
      perform('handover'),
      requestTransfer(),
      completeTransfer('2024-05'),
      ...keys.slice(2).map((k) => perform(k)),
    ];
    const backdated = steps.map((cmd) => ({ ...cmd, data: { ...cmd.data, effectiveDate: '2024-05-20' } }));
    const opening = openCase({ reason: 'resignation', lastWorkingDay: '2024-05-20' }) as Extract<OffboardingCommand, { type: 'OpenCase' }>;
    const c = caseAfter([{ ...opening, data: { ...opening.data, openedAt: '2024-05-20' } }, ...backdated]);
    expect(caseFacts(c, context).find((r) => r.kind === 'completed')).toMatchObject({
      date: '2024-05-20',
      daysToComplete: 0,
      onTime: true,
    });
  });

  it('has a cancelled row dated by the cancellation', () => {
    const c = caseAfter([openCase(), { type: 'CancelCase', data: { note: 'withdrawn', actor: { id: 'u', role: 'hr_specialist' } } }]);
    expect(caseFacts(c, { orgUnit: null, cancelledOn: '2024-06-03' })).toEqual([
      { id: 'K1:opened', kind: 'opened', date: '2024-06-01', ...common, orgUnit: null },
      { id: 'K1:cancelled', kind: 'cancelled', date: '2024-06-03', ...common, orgUnit: null },
    ]);
  });
});
