import { offboardingDecider, stepStatuses } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { WorkflowPolicy } from '../../../src/domain/policy/policy';
import { spec } from '../given-when-then';
import { completeTransfer, defaultPolicy, opened, perform, play, requestTransfer } from './fixtures';

const decider = spec(offboardingDecider);
const fold = (events: OffboardingEvent[]) => events.reduce(offboardingDecider.evolve, offboardingDecider.initialState);
const laborStatus = (events: OffboardingEvent[]) => stepStatuses(fold(events)).find((s) => s.key === 'labor_termination')!;
const reject = (effectiveDate: string, note?: string) =>
  perform('labor_termination', { action: 'reject', effectiveDate, ...(note === undefined ? {} : { note }) });

// Shanghai, enterprise_regular, dismissal, last working day 2024-06-30, under the shipped default (complete_reject).
const transferred = play(
  [opened()],
  [perform('approval', { effectiveDate: '2024-06-20' }), perform('handover'), requestTransfer('2024-07-01'), completeTransfer('2024-06')],
);
const returned = play(transferred, [reject('2024-07-04', '退工原因填写有误 / wrong reason code')]);

describe('labour termination (退工) under the shipped default policy', () => {
  it('takes complete and reject', () => {
    expect(defaultPolicy('shanghai', 'enterprise_regular').steps.find((s) => s.key === 'labor_termination')?.actions).toBe(
      'complete_reject',
    );
  });

  describe('when the transfer-out is not done yet', () => {
    it('refuses a rejection as it refuses the registration: 退工 cannot have been filed', () => {
      const approved = play([opened()], [perform('approval', { effectiveDate: '2024-06-20' }), perform('handover')]);
      decider
        .given(approved)
        .when(reject('2024-07-04', 'x'))
        .thenThrows('STEP_LOCKED', { missing: ['si_transfer_out'] });
    });
  });

  describe('when the transfer-out is done', () => {
    it('records the employment service’s return with its reason, trimmed', () => {
      decider
        .given(transferred)
        .when(reject('2024-07-04', '  退工原因填写有误  '))
        .then([
          {
            type: 'LaborTerminationRejected',
            data: { effectiveDate: '2024-07-04', reason: '退工原因填写有误' },
            effectiveDate: '2024-07-04',
          },
        ]);
    });

    it('refuses a rejection without the reason', () => {
      decider.given(transferred).when(reject('2024-07-04')).thenThrows('REJECTION_REASON_REQUIRED');
      decider.given(transferred).when(reject('2024-07-04', '   ')).thenThrows('REJECTION_REASON_REQUIRED');
    });

    it('refuses request, which only the transfer-out filing takes', () => {
      decider
        .given(transferred)
        .when(perform('labor_termination', { action: 'request' }))
        .thenThrows('ACTION_NOT_SUPPORTED', { step: 'labor_termination', action: 'request', actions: ['complete', 'reject'] });
    });
  });

  describe('when a filing was returned', () => {
    it('shows the step rejected, not done, and keeps the case open and cancellable', () => {
      expect(laborStatus(returned)).toMatchObject({ status: 'rejected', doneOn: null });
      expect(fold(returned)).toMatchObject({
        status: 'open',
        laborTerminationRejections: [{ rejectedOn: '2024-07-04', reason: '退工原因填写有误 / wrong reason code' }],
      });
      decider
        .given(returned)
        .when({ type: 'CancelCase', data: { note: 'withdrawn', actor: { id: 'u', role: 'hr_specialist' } } })
        .then([{ type: 'OffboardingCaseCancelled' }]);
    });

    it('takes a second return of the corrected filing, each its own event', () => {
      const twice = play(returned, [reject('2024-07-08', '材料不全')]);
      expect(fold(twice)).toMatchObject({
        laborTerminationRejections: [{ rejectedOn: '2024-07-04' }, { rejectedOn: '2024-07-08', reason: '材料不全' }],
      });
    });

    it('registers 退工 when the corrected filing is accepted', () => {
      const { state } = decider
        .given(returned)
        .when(perform('labor_termination', { effectiveDate: '2024-07-09' }))
        .then([
          {
            type: 'LaborTerminationRegistered',
            data: { effectiveDate: '2024-07-09', terminationDate: '2024-06-30' },
            effectiveDate: '2024-07-09',
          },
        ]);
      expect(
        laborStatus([
          ...returned,
          ...offboardingDecider.decide(perform('labor_termination', { effectiveDate: '2024-07-09' }), fold(returned)),
        ]),
      ).toMatchObject({ status: 'done', doneOn: '2024-07-09' });
      expect(state).toMatchObject({ terminationDate: '2024-06-30' });
    });
  });

  describe('when registered', () => {
    it('refuses a late rejection', () => {
      const registered = play(returned, [perform('labor_termination', { effectiveDate: '2024-07-09' })]);
      decider.given(registered).when(reject('2024-07-10', 'late')).thenThrows('STEP_ALREADY_DONE');
    });
  });
});

describe('labour termination under a policy version published before complete_reject', () => {
  const base = defaultPolicy('shanghai', 'enterprise_regular');
  const older: WorkflowPolicy = {
    ...base,
    steps: base.steps.map((s) => (s.key === 'labor_termination' ? { ...s, actions: 'complete' } : s)),
  };
  const pinned = play(
    [opened({ policy: older })],
    [perform('approval', { effectiveDate: '2024-06-20' }), perform('handover'), requestTransfer('2024-07-01'), completeTransfer('2024-06')],
  );

  it('keeps refusing reject: the case keeps the version it opened with', () => {
    decider
      .given(pinned)
      .when(reject('2024-07-04', 'returned'))
      .thenThrows('ACTION_NOT_SUPPORTED', { step: 'labor_termination', action: 'reject', actions: ['complete'] });
  });

  it('still registers 退工 with complete', () => {
    decider
      .given(pinned)
      .when(perform('labor_termination', { effectiveDate: '2024-07-05' }))
      .then([{ type: 'LaborTerminationRegistered' }]);
  });
});
