import { offboardingDecider, OffboardingState, stepStatuses } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { completeTransfer, defaultPolicy, manager, opened, perform, play, requestTransfer } from './fixtures';

const fold = (events: OffboardingEvent[]): OffboardingState => events.reduce(offboardingDecider.evolve, offboardingDecider.initialState);
const byKey = (state: OffboardingState, today?: string) => Object.fromEntries(stepStatuses(state, today).map((s) => [s.key, s]));

describe('stepStatuses', () => {
  it('is empty before the case opens', () => {
    expect(stepStatuses(offboardingDecider.initialState)).toEqual([]);
  });

  it('lists the pinned steps with prerequisites and due dates (shanghai, last working day 2024-06-30)', () => {
    expect(stepStatuses(fold([opened({ reason: 'resignation' })]))).toEqual([
      { key: 'approval', status: 'available', requires: [], missing: [], dueDate: '2024-06-30', doneOn: null },
      { key: 'handover', status: 'locked', requires: ['approval'], missing: ['approval'], dueDate: '2024-06-30', doneOn: null },
      { key: 'si_transfer_out', status: 'locked', requires: ['approval'], missing: ['approval'], dueDate: '2024-07-15', doneOn: null },
      {
        key: 'housing_fund_transfer',
        status: 'locked',
        requires: ['approval'],
        missing: ['approval'],
        dueDate: '2024-07-30',
        doneOn: null,
      },
      {
        key: 'termination_certificate',
        status: 'locked',
        requires: ['approval'],
        missing: ['approval'],
        dueDate: '2024-06-30',
        doneOn: null,
      },
      {
        key: 'labor_termination',
        status: 'locked',
        requires: ['si_transfer_out', 'handover'],
        missing: ['si_transfer_out', 'handover'],
        dueDate: '2024-07-15',
        doneOn: null,
      },
      {
        key: 'archive_transfer',
        status: 'locked',
        requires: ['labor_termination'],
        missing: ['labor_termination'],
        dueDate: '2024-07-15',
        doneOn: null,
      },
    ]);
  });

  it('follows the transfer-out through request, rejection and completion', () => {
    const approved = play([opened()], [perform('approval')]);
    const requested = play(approved, [requestTransfer()]);
    const rejected = play(requested, [perform('si_transfer_out', { action: 'reject', note: '退单' })]);
    const done = play(rejected, [requestTransfer('2024-07-05'), completeTransfer('2024-06', '2024-07-08')]);
    expect(byKey(fold(approved)).si_transfer_out.status).toBe('available');
    expect(byKey(fold(requested)).si_transfer_out.status).toBe('in_progress');
    expect(byKey(fold(rejected)).si_transfer_out.status).toBe('rejected');
    expect(byKey(fold(done)).si_transfer_out).toMatchObject({ status: 'done', doneOn: '2024-07-08' });
  });

  it('counts an override as clearing the prerequisite for that step only', () => {
    const state = fold(play([opened()], [perform('handover', { actor: manager, override: { reason: 'approver on leave' } })]));
    expect(byKey(state).handover).toMatchObject({ status: 'done', missing: [] });
    expect(byKey(state).termination_certificate).toMatchObject({ status: 'locked', missing: ['approval'] });
  });

  it('counts deadlines from the registered termination date once 退工 is registered', () => {
    const terminated = play(
      [opened()],
      [
        perform('approval'),
        perform('handover'),
        requestTransfer(),
        completeTransfer(),
        perform('labor_termination', { data: { terminationDate: '2024-07-03' } }),
      ],
    );
    expect(byKey(fold(terminated)).archive_transfer).toMatchObject({ status: 'available', dueDate: '2024-07-18' });
  });

  it('marks open steps past their due date as overdue when today is given', () => {
    const state = fold([opened()]);
    expect(byKey(state, '2024-07-15').si_transfer_out.overdue).toBe(false);
    expect(byKey(state, '2024-07-16').si_transfer_out.overdue).toBe(true);
    expect(byKey(state, '2024-07-16').severance_payment.overdue).toBe(false); // no due date
    expect(byKey(state).si_transfer_out.overdue).toBeUndefined();
  });

  it('marks nothing overdue in a cancelled case', () => {
    const state = fold(play([opened()], [{ type: 'CancelCase', data: { note: 'withdrawn', actor: manager } }]));
    expect(stepStatuses(state, '2025-01-01').some((s) => s.overdue)).toBe(false);
  });

  it('uses the region’s reduction cut-off for the transfer-out (xiamen: within the leaving month)', () => {
    const state = fold([opened({ policy: defaultPolicy('xiamen', 'enterprise_regular'), lastWorkingDay: '2024-06-20' })]);
    expect(byKey(state).si_transfer_out.dueDate).toBe('2024-06-30');
    expect(byKey(state).unemployment_filing).toMatchObject({ status: 'locked', dueDate: '2024-07-05' });
  });
});
