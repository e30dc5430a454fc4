import { OffboardingCommand } from '../../../src/domain/offboarding/offboarding.commands';
import { offboardingDecider } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { WorkflowPolicy } from '../../../src/domain/policy/policy';
import { spec } from '../given-when-then';
import { completeTransfer, defaultPolicy, manager, openCase, opened, perform, play, requestTransfer, specialist } from './fixtures';
import { offboardingStream } from '../../../src/domain/shared/streams';

const decider = spec(offboardingDecider);
const cancel = (note = '员工撤回辞职 / the employee withdrew'): OffboardingCommand => ({
  type: 'CancelCase',
  data: { note, actor: specialist },
});

// Shanghai, enterprise_regular, dismissal, last working day 2024-06-30.
const approved = play([opened()], [perform('approval', { effectiveDate: '2024-06-20' })]);
const requested = play(approved, [requestTransfer('2024-07-01')]);
const rejected = play(requested, [
  perform('si_transfer_out', { action: 'reject', effectiveDate: '2024-07-03', note: '缴费基数有误 / wrong contribution base' }),
]);
const transferred = play(requested, [completeTransfer('2024-06')]);
const terminated = play(transferred, [perform('handover'), perform('labor_termination', { effectiveDate: '2024-07-05' })]);
const allButSeverance = play(terminated, [
  perform('housing_fund_transfer'),
  perform('termination_certificate'),
  perform('archive_transfer', { effectiveDate: '2024-07-08' }),
]);
const completed = play(allButSeverance, [perform('severance_payment', { effectiveDate: '2024-07-08' })]);
const cancelled = play([opened()], [cancel()]);

it('names the stream after the case', () => {
  expect(offboardingStream('K1')).toBe('offboarding-K1');
});

describe('when no case exists', () => {
  it('opens the case with the policy pinned and only the steps that apply to the reason', () => {
    const policy = defaultPolicy('shanghai', 'enterprise_regular');
    const { events } = decider
      .given([])
      .when(openCase({ reason: 'resignation' }))
      .then([
        {
          type: 'OffboardingCaseOpened',
          effectiveDate: '2024-06-01',
          data: {
            caseId: 'K1',
            employeeId: 'E1001',
            reason: 'resignation',
            lastWorkingDay: '2024-06-30',
            openedAt: '2024-06-01',
            policy: { ...policy, steps: policy.steps.filter((s) => s.key !== 'severance_payment') },
            hireDate: '2020-01-06',
          },
        },
      ]);
    const pinned = (events[0] as Extract<OffboardingEvent, { type: 'OffboardingCaseOpened' }>).data.policy;
    expect(pinned).toMatchObject({ region: 'shanghai', category: 'enterprise_regular', version: 1 });
    expect(pinned.steps.map((s) => s.key)).toEqual([
      'approval',
      'handover',
      'si_transfer_out',
      'housing_fund_transfer',
      'termination_certificate',
      'labor_termination',
      'archive_transfer',
    ]);
  });

  it('keeps severance_payment for a dismissal (art. 40/41 owe compensation; the safe default)', () => {
    expect(opened({ reason: 'dismissal' }).data.policy.steps.map((s) => s.key)).toContain('severance_payment');
  });

  it('refuses a last working day that is not a real date', () => {
    decider
      .given([])
      .when(openCase({ lastWorkingDay: '2024-02-30' }))
      .thenThrows('INVALID_DATE', { field: 'lastWorkingDay' });
  });

  it('refuses step commands and cancellation', () => {
    decider.given([]).when(perform('approval')).thenThrows('CASE_NOT_FOUND');
    decider.given([]).when(cancel()).thenThrows('CASE_NOT_FOUND');
  });
});

describe('when the case is open and nothing is done', () => {
  const given = decider.given([opened()]);

  it('refuses a second opening', () => {
    given.when(openCase()).thenThrows('CASE_EXISTS', { caseId: 'K1' });
  });

  it('lets an hr_manager approve', () => {
    given
      .when(perform('approval', { effectiveDate: '2024-06-20', note: 'ok' }))
      .then([{ type: 'StepCompleted', data: { step: 'approval', effectiveDate: '2024-06-20', note: 'ok' }, effectiveDate: '2024-06-20' }]);
  });

  it('refuses approval by a specialist', () => {
    given.when(perform('approval', { actor: specialist })).thenThrows('ROLE_REQUIRED', { role: 'hr_manager' });
  });

  it('refuses a step the pinned policy does not have', () => {
    given.when(perform('unemployment_filing')).thenThrows('STEP_NOT_IN_POLICY', { step: 'unemployment_filing' });
  });

  it('refuses request and reject on a plain step', () => {
    given.when(perform('handover', { action: 'request' })).thenThrows('ACTION_NOT_SUPPORTED');
    given.when(perform('approval', { action: 'reject', note: 'x' })).thenThrows('ACTION_NOT_SUPPORTED');
  });

  it('refuses an effective date that is not a real date', () => {
    given.when(perform('approval', { effectiveDate: '2024-13-01' })).thenThrows('INVALID_DATE', { field: 'effectiveDate' });
  });

  it('locks the transfer-out until approval, which cannot be overridden', () => {
    const error = given
      .when(perform('si_transfer_out', { action: 'request', actor: manager, override: { reason: 'urgent' } }))
      .thenThrows('STEP_LOCKED', { missing: ['approval'], hard: ['approval'], soft: [] });
    expect(error.message).toContain('请先完成离职审批');
    expect(error.message).toContain('cannot be overridden');
  });

  it('locks the handover (soft) and says a manager may override it', () => {
    const error = given
      .when(perform('handover'))
      .thenThrows('STEP_LOCKED', { step: 'handover', missing: ['approval'], hard: [], soft: ['approval'] });
    expect(error.message).toBe(
      '请先完成离职审批，再办理工作交接。Complete offboarding approval before work handover. 如需先行办理，可由人事经理书面说明理由后豁免。An HR manager may override this with a written reason.',
    );
  });

  it('lets an hr_manager override a soft prerequisite with a written reason, recorded before the step', () => {
    given
      .when(
        perform('handover', {
          actor: manager,
          effectiveDate: '2024-06-25',
          override: { reason: '  审批人休假，先行交接 / approver on leave  ' },
        }),
      )
      .then([
        {
          type: 'PrerequisiteOverridden',
          data: {
            step: 'handover',
            overridden: ['approval'],
            reason: '审批人休假，先行交接 / approver on leave',
            by: manager,
            effectiveDate: '2024-06-25',
          },
        },
        { type: 'StepCompleted', data: { step: 'handover', effectiveDate: '2024-06-25' } },
      ]);
  });

  it('refuses an override without a reason', () => {
    given
      .when(perform('handover', { actor: manager, override: { reason: '   ' } }))
      .thenThrows('OVERRIDE_NOT_ALLOWED', { reasonGiven: false });
  });

  it('refuses an override by a specialist', () => {
    given
      .when(perform('handover', { actor: specialist, override: { reason: 'approver on leave' } }))
      .thenThrows('OVERRIDE_NOT_ALLOWED', { role: 'hr_manager' });
  });

  it('refuses labour termination, even with a manager override', () => {
    given
      .when(perform('labor_termination', { actor: manager, override: { reason: 'bureau is slow' } }))
      .thenThrows('STEP_LOCKED', { missing: ['si_transfer_out', 'handover'], hard: ['si_transfer_out'], soft: ['handover'] });
  });

  it('can be cancelled', () => {
    given.when(cancel('撤回 / withdrawn')).then([{ type: 'OffboardingCaseCancelled', data: { note: '撤回 / withdrawn', by: specialist } }]);
  });
});

describe('when approval is done', () => {
  const given = decider.given(approved);

  it('refuses to approve again', () => {
    given.when(perform('approval')).thenThrows('STEP_ALREADY_DONE', { doneOn: '2024-06-20' });
  });

  it('refuses to complete or reject the transfer-out before it is requested', () => {
    given.when(completeTransfer()).thenThrows('TRANSFER_NOT_REQUESTED', { status: 'not_requested' });
    given.when(perform('si_transfer_out', { action: 'reject', note: '退单' })).thenThrows('TRANSFER_NOT_REQUESTED');
  });

  it('requests the transfer-out with the notice for the filing date (docs/API.md example)', () => {
    given.when(requestTransfer('2024-07-01')).then([
      {
        type: 'SocialInsuranceTransferOutRequested',
        data: { effectiveDate: '2024-07-01', notice: { lastContributionMonth: '2024-06', fileBy: '2024-07-15', warnings: [] } },
        effectiveDate: '2024-07-01',
      },
    ]);
  });

  it('warns in the notice when the filing would leave the leaving month unpaid (断缴)', () => {
    const approvedEarly = play([opened()], [perform('approval', { effectiveDate: '2024-06-05' })]);
    const { events } = decider
      .given(approvedEarly)
      .when(requestTransfer('2024-06-10'))
      .then([{ type: 'SocialInsuranceTransferOutRequested' }]);
    const notice = (events[0] as Extract<OffboardingEvent, { type: 'SocialInsuranceTransferOutRequested' }>).data.notice;
    expect(notice.lastContributionMonth).toBe('2024-05');
    expect(notice.warnings).toEqual([expect.stringContaining('断缴')]);
  });

  it('refuses labour termination before the transfer-out, naming what to do first', () => {
    const error = given.when(perform('labor_termination')).thenThrows('STEP_LOCKED', {
      missing: ['si_transfer_out', 'handover'],
      hard: ['si_transfer_out'],
      soft: ['handover'],
    });
    expect(error.message).toContain('请先完成社保转出（减员）、工作交接，再办理退工登记。');
    expect(error.message).toContain(
      'Complete social-insurance transfer-out (社保转出) and work handover before labour termination registration (退工).',
    );
  });

  it('says the transfer-out cannot be overridden when a manager tries', () => {
    const error = given
      .when(perform('labor_termination', { actor: manager, override: { reason: 'we are in a hurry' } }))
      .thenThrows('STEP_LOCKED', { hard: ['si_transfer_out'] });
    expect(error.message).toContain('社保转出（减员）不可豁免。Social-insurance transfer-out (社保转出) cannot be overridden.');
  });
});

describe('when the transfer-out is requested', () => {
  const given = decider.given(requested);

  it('refuses a second request', () => {
    given.when(requestTransfer('2024-07-02')).thenThrows('TRANSFER_ALREADY_REQUESTED');
  });

  it('completes with the bureau’s last paid month', () => {
    given.when(completeTransfer('2024-06')).then([
      {
        type: 'SocialInsuranceTransferOutCompleted',
        data: { effectiveDate: '2024-07-01', lastPaidMonth: '2024-06' },
        effectiveDate: '2024-07-01',
      },
    ]);
  });

  it('refuses completion without a valid last paid month', () => {
    given.when(perform('si_transfer_out')).thenThrows('INVALID_MONTH', { field: 'data.lastPaidMonth' });
    given.when(completeTransfer('2024-13')).thenThrows('INVALID_MONTH');
    given.when(completeTransfer('2024-6')).thenThrows('INVALID_MONTH');
  });

  it('records the bureau’s rejection (退单) with its reason', () => {
    given
      .when(perform('si_transfer_out', { action: 'reject', effectiveDate: '2024-07-03', note: ' 缴费基数有误 ' }))
      .then([{ type: 'SocialInsuranceTransferOutRejected', data: { effectiveDate: '2024-07-03', reason: '缴费基数有误' } }]);
  });

  it('refuses a rejection without the reason', () => {
    given.when(perform('si_transfer_out', { action: 'reject' })).thenThrows('REJECTION_REASON_REQUIRED');
    given.when(perform('si_transfer_out', { action: 'reject', note: ' ' })).thenThrows('REJECTION_REASON_REQUIRED');
  });

  it('still refuses labour termination: requested is not done', () => {
    decider
      .given(play(requested, [perform('handover')]))
      .when(perform('labor_termination', { actor: manager, override: { reason: 'filed already' } }))
      .thenThrows('STEP_LOCKED', { missing: ['si_transfer_out'], hard: ['si_transfer_out'], soft: [] });
  });
});

describe('when the transfer-out was rejected (退单)', () => {
  const given = decider.given(rejected);

  it('refuses completion until it is requested again', () => {
    given.when(completeTransfer()).thenThrows('TRANSFER_NOT_REQUESTED', { status: 'rejected' });
  });

  it('refuses a second rejection', () => {
    given.when(perform('si_transfer_out', { action: 'reject', note: 'again' })).thenThrows('TRANSFER_NOT_REQUESTED');
  });

  it('can be requested again, with a notice for the new filing date', () => {
    given.when(requestTransfer('2024-07-16')).then([
      {
        type: 'SocialInsuranceTransferOutRequested',
        data: {
          effectiveDate: '2024-07-16',
          notice: {
            lastContributionMonth: '2024-07',
            fileBy: '2024-07-15',
            warnings: [expect.stringContaining('2024-07'), expect.stringContaining('2024-07-15')],
          },
        },
      },
    ]);
  });

  it('completes after the second request', () => {
    const again = play(rejected, [requestTransfer('2024-07-05')]);
    decider
      .given(again)
      .when(perform('si_transfer_out', { effectiveDate: '2024-07-08', data: { lastPaidMonth: '2024-06' } }))
      .then([{ type: 'SocialInsuranceTransferOutCompleted', data: { effectiveDate: '2024-07-08', lastPaidMonth: '2024-06' } }]);
  });
});

describe('when the transfer-out is completed', () => {
  const given = decider.given(transferred);

  it('refuses another request', () => {
    given.when(requestTransfer()).thenThrows('STEP_ALREADY_DONE');
  });

  it('still locks labour termination on the soft handover', () => {
    given.when(perform('labor_termination')).thenThrows('STEP_LOCKED', { missing: ['handover'], hard: [], soft: ['handover'] });
  });

  it('lets an hr_manager override the handover with a reason, then registers 退工 on the last working day', () => {
    given
      .when(
        perform('labor_termination', {
          actor: manager,
          effectiveDate: '2024-07-05',
          override: { reason: '员工失联，交接无法完成 / unreachable' },
        }),
      )
      .then([
        {
          type: 'PrerequisiteOverridden',
          data: {
            step: 'labor_termination',
            overridden: ['handover'],
            reason: '员工失联，交接无法完成 / unreachable',
            by: manager,
            effectiveDate: '2024-07-05',
          },
        },
        {
          type: 'LaborTerminationRegistered',
          data: { effectiveDate: '2024-07-05', terminationDate: '2024-06-30' },
          effectiveDate: '2024-07-05',
        },
      ]);
  });

  it('refuses that override from a specialist', () => {
    given.when(perform('labor_termination', { override: { reason: 'unreachable' } })).thenThrows('OVERRIDE_NOT_ALLOWED');
  });

  it('registers 退工 with the termination date given, not before the last working day', () => {
    const afterHandover = decider.given(play(transferred, [perform('handover')]));
    afterHandover
      .when(perform('labor_termination', { data: { terminationDate: '2024-07-02' } }))
      .then([{ type: 'LaborTerminationRegistered', data: { effectiveDate: '2024-07-01', terminationDate: '2024-07-02' } }]);
    afterHandover
      .when(perform('labor_termination', { data: { terminationDate: '2024-06-29' } }))
      .thenThrows('INVALID_DATE', { field: 'data.terminationDate' });
  });

  it('can still be cancelled (退工 is not registered)', () => {
    given.when(cancel()).then([{ type: 'OffboardingCaseCancelled' }]);
  });
});

describe('when labour termination is registered', () => {
  const given = decider.given(terminated);

  it('can no longer be cancelled', () => {
    const error = given.when(cancel()).thenThrows('CASE_CLOSED', { status: 'open', laborTerminationRegisteredOn: '2024-07-05' });
    expect(error.message).toBe('已办理退工，不能撤销 / labour termination is registered; the case can no longer be cancelled.');
  });

  it('refuses a second registration', () => {
    given.when(perform('labor_termination')).thenThrows('STEP_ALREADY_DONE', { doneOn: '2024-07-05' });
  });

  it('unlocks the file transfer', () => {
    given
      .when(perform('archive_transfer', { effectiveDate: '2024-07-10' }))
      .then([{ type: 'StepCompleted', data: { step: 'archive_transfer', effectiveDate: '2024-07-10' } }]);
  });
});

describe('when only the last required step is missing', () => {
  it('completes the case by itself with that step', () => {
    decider
      .given(allButSeverance)
      .when(perform('severance_payment', { effectiveDate: '2024-07-20' }))
      .then([
        { type: 'StepCompleted', data: { step: 'severance_payment', effectiveDate: '2024-07-20' } },
        { type: 'OffboardingCaseCompleted', data: { completedOn: '2024-07-20' }, effectiveDate: '2024-07-20' },
      ]);
  });

  it('does not complete before then', () => {
    expect(allButSeverance.map((e) => e.type)).not.toContain('OffboardingCaseCompleted');
  });
});

describe('when the case is completed', () => {
  const given = decider.given(completed);

  it('refuses step commands and cancellation', () => {
    given.when(perform('severance_payment')).thenThrows('CASE_CLOSED', { status: 'completed' });
    given.when(cancel()).thenThrows('CASE_CLOSED', { status: 'completed' });
  });
});

describe('when the case is cancelled', () => {
  const given = decider.given(cancelled);

  it('refuses step commands, a second cancellation and a reopening', () => {
    given.when(perform('approval')).thenThrows('CASE_CLOSED', { status: 'cancelled' });
    given.when(cancel()).thenThrows('CASE_CLOSED', { status: 'cancelled' });
    given.when(openCase()).thenThrows('CASE_EXISTS');
  });
});

describe('when a new policy version is published after the case opened', () => {
  // Version 2 makes an unemployment filing a hard prerequisite of the transfer-out.
  const v1 = defaultPolicy('shanghai', 'enterprise_regular');
  const filing = defaultPolicy('xiamen', 'enterprise_regular').steps.find((s) => s.key === 'unemployment_filing')!;
  const v2: WorkflowPolicy = {
    ...v1,
    version: 2,
    effectiveFrom: '2024-06-15',
    steps: [
      ...v1.steps.map((s) =>
        s.key === 'si_transfer_out'
          ? { ...s, requires: [...s.requires, { step: 'unemployment_filing' as const, kind: 'hard' as const }] }
          : s,
      ),
      filing,
    ],
  };

  it('keeps the steps pinned when it opened', () => {
    decider
      .given(approved)
      .when(requestTransfer())
      .then([{ type: 'SocialInsuranceTransferOutRequested' }]);
    decider.given(approved).when(perform('unemployment_filing')).thenThrows('STEP_NOT_IN_POLICY');
  });

  it('applies to cases opened afterwards', () => {
    const newer = play([opened({ policy: v2, caseId: 'K2' })], [perform('approval')]);
    expect((newer[0] as Extract<OffboardingEvent, { type: 'OffboardingCaseOpened' }>).data.policy.version).toBe(2);
    decider
      .given(newer)
      .when(requestTransfer())
      .thenThrows('STEP_LOCKED', { hard: ['unemployment_filing'] });
  });
});

describe('when a soft prerequisite of the transfer-out was overridden at the request', () => {
  // A published variant where the transfer-out waits (soft) for the housing-fund transfer.
  const v1 = defaultPolicy('shanghai', 'enterprise_regular');
  const variant: WorkflowPolicy = {
    ...v1,
    version: 3,
    steps: v1.steps.map((s) =>
      s.key === 'si_transfer_out'
        ? { ...s, requires: [...s.requires, { step: 'housing_fund_transfer' as const, kind: 'soft' as const }] }
        : s,
    ),
  };
  const approvedVariant = play([opened({ policy: variant })], [perform('approval')]);
  const history = play(approvedVariant, [
    perform('si_transfer_out', { action: 'request', actor: manager, override: { reason: '公积金中心系统停机 / fund centre offline' } }),
  ]);

  it('was locked without the override', () => {
    decider
      .given(approvedVariant)
      .when(requestTransfer())
      .thenThrows('STEP_LOCKED', { hard: [], soft: ['housing_fund_transfer'] });
  });

  it('lets the bureau’s answer be recorded without asking again', () => {
    decider
      .given(history)
      .when(completeTransfer('2024-06'))
      .then([{ type: 'SocialInsuranceTransferOutCompleted' }]);
    decider
      .given(play(history, [perform('si_transfer_out', { action: 'reject', note: '退单' })]))
      .when(requestTransfer('2024-07-03'))
      .then([{ type: 'SocialInsuranceTransferOutRequested' }]);
  });
});

describe('when no reduction rule is in force on the filing date', () => {
  const v1 = defaultPolicy('shenzhen', 'enterprise_regular');
  const onlyNewRule: WorkflowPolicy = {
    ...v1,
    parameters: { ...v1.parameters, siReduction: v1.parameters.siReduction.filter((r) => r.effectiveFrom === '2024-07-01') },
  };

  it('refuses the request until an administrator adds one', () => {
    decider
      .given(play([opened({ policy: onlyNewRule })], [perform('approval', { effectiveDate: '2024-06-20' })]))
      .when(requestTransfer('2024-06-28'))
      .thenThrows('NO_SI_REDUCTION_RULE', { filingDate: '2024-06-28' });
  });
});
