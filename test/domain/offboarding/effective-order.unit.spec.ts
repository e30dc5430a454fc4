import { offboardingDecider } from '../../../src/domain/offboarding/offboarding.decider';
import { spec } from '../given-when-then';
import { completeTransfer, HIRE_DATE, openCase, opened, perform, play, requestTransfer } from './fixtures';

/**
 * The legal order in effective time (effective-order.ts): the dates a case records
 * must read in the same order as the steps' prerequisites, after the hire and the
 * opening, and not in the future. Shanghai, enterprise_regular, dismissal, opened
 * 2024-06-01, hired 2020-01-06; handover and si_transfer_out are labor_termination's prerequisites.
 */
const decider = spec(offboardingDecider);
const withOpening = (data: Partial<Extract<ReturnType<typeof openCase>, { type: 'OpenCase' }>['data']>) => {
  const command = openCase() as Extract<ReturnType<typeof openCase>, { type: 'OpenCase' }>;
  return { ...command, data: { ...command.data, ...data } };
};

const approved = play([opened()], [perform('approval', { effectiveDate: '2024-06-20' })]);
const requested = play(approved, [requestTransfer('2024-07-01')]);
const transferred = play(requested, [completeTransfer('2024-06', '2024-07-03')]);
const handedOver = play(transferred, [perform('handover', { effectiveDate: '2024-07-02' })]);

describe('opening a case', () => {
  it('takes openedAt up to today and keeps the hire date in the event', () => {
    decider
      .given([])
      .when(withOpening({ openedAt: '2024-06-01', today: '2024-06-01' }))
      .then([{ type: 'OffboardingCaseOpened', data: expect.objectContaining({ openedAt: '2024-06-01', hireDate: HIRE_DATE }) }]);
  });

  it('refuses an openedAt after today', () => {
    decider
      .given([])
      .when(withOpening({ openedAt: '2024-06-02', today: '2024-06-01' }))
      .thenThrows('DATE_IN_FUTURE', { field: 'openedAt', date: '2024-06-02', latest: '2024-06-01' });
  });

  it('takes an openedAt on the hire date and refuses the day before', () => {
    decider
      .given([])
      .when(withOpening({ openedAt: HIRE_DATE, lastWorkingDay: '2020-02-29' }))
      .then([{ type: 'OffboardingCaseOpened' }]);
    decider
      .given([])
      .when(withOpening({ openedAt: '2020-01-05' }))
      .thenThrows('DATE_OUT_OF_ORDER', {
        field: 'openedAt',
        date: '2020-01-05',
        conflictsWith: { event: 'EmployeeHired', field: 'hireDate', effectiveDate: HIRE_DATE },
      });
  });

  it('takes a last working day 90 days ahead and refuses the 91st', () => {
    decider
      .given([])
      .when(withOpening({ openedAt: '2024-06-01', today: '2024-06-01', lastWorkingDay: '2024-08-30' }))
      .then([{ type: 'OffboardingCaseOpened' }]);
    decider
      .given([])
      .when(withOpening({ openedAt: '2024-06-01', today: '2024-06-01', lastWorkingDay: '2024-08-31' }))
      .thenThrows('DATE_IN_FUTURE', { field: 'lastWorkingDay', date: '2024-08-31', today: '2024-06-01', latest: '2024-08-30' });
  });

  it('refuses a last working day before the hire date', () => {
    decider
      .given([])
      .when(withOpening({ lastWorkingDay: '2019-12-31', openedAt: HIRE_DATE }))
      .thenThrows('DATE_OUT_OF_ORDER', { field: 'lastWorkingDay' });
  });
});

describe('a step against its hard prerequisite', () => {
  it('refuses 退工 dated before the completion of 社保转出, naming both dates', () => {
    const error = decider
      .given(handedOver)
      .when(perform('labor_termination', { effectiveDate: '2024-07-02' }))
      .thenThrows('DATE_OUT_OF_ORDER', {
        field: 'effectiveDate',
        date: '2024-07-02',
        conflictsWith: { step: 'si_transfer_out', effectiveDate: '2024-07-03' },
      });
    expect(error.message).toMatch(/2024-07-02.*2024-07-03.*\/.*before the completion of its prerequisite/);
  });

  it('takes 退工 on the day of the transfer-out', () => {
    decider
      .given(handedOver)
      .when(perform('labor_termination', { effectiveDate: '2024-07-03' }))
      .then([{ type: 'LaborTerminationRegistered' }]);
  });
});

describe('a step against a soft prerequisite', () => {
  it('refuses a step dated before a done soft prerequisite (handover done on 2024-07-05)', () => {
    const handedOverLate = play(transferred, [perform('handover', { effectiveDate: '2024-07-05' })]);
    decider
      .given(handedOverLate)
      .when(perform('labor_termination', { effectiveDate: '2024-07-04' }))
      .thenThrows('DATE_OUT_OF_ORDER', { conflictsWith: { step: 'handover', effectiveDate: '2024-07-05' } });
  });

  it('does not bind a step to a soft prerequisite overridden and not done', () => {
    decider
      .given(transferred)
      .when(
        perform('labor_termination', {
          effectiveDate: '2024-07-03',
          actor: { id: 'm', role: 'hr_manager' },
          override: { reason: '交接清单随后补签' },
        }),
      )
      .then([{ type: 'PrerequisiteOverridden' }, { type: 'LaborTerminationRegistered' }]);
  });
});

describe('a step against the case and the calendar', () => {
  it('refuses a step before the opening of the case, and takes one on it', () => {
    decider
      .given([opened()])
      .when(perform('approval', { effectiveDate: '2024-05-31' }))
      .thenThrows('DATE_OUT_OF_ORDER', {
        conflictsWith: { event: 'OffboardingCaseOpened', field: 'openedAt', effectiveDate: '2024-06-01' },
      });
    decider
      .given([opened()])
      .when(perform('approval', { effectiveDate: '2024-06-01' }))
      .then([{ type: 'StepCompleted' }]);
  });

  it('refuses a step done after today, and takes one done today', () => {
    decider
      .given([opened()])
      .when(perform('approval', { effectiveDate: '2024-06-21', today: '2024-06-20' }))
      .thenThrows('DATE_IN_FUTURE', { field: 'effectiveDate', latest: '2024-06-20' });
    decider
      .given([opened()])
      .when(perform('approval', { effectiveDate: '2024-06-20', today: '2024-06-20' }))
      .then([{ type: 'StepCompleted' }]);
  });

  it('skips the hire-date check for a case opened before the hire date was kept', () => {
    const legacy = opened();
    delete (legacy.data as { hireDate?: string }).hireDate;
    const legacyCase = { ...legacy, data: { ...legacy.data, openedAt: '2019-12-01' } };
    decider
      .given([legacyCase])
      .when(perform('approval', { effectiveDate: '2019-12-02' }))
      .then([{ type: 'StepCompleted' }]);
    decider
      .given([opened({})])
      .when(perform('approval', { effectiveDate: '2019-12-02' }))
      .thenThrows('DATE_OUT_OF_ORDER');
  });
});

describe('the transfer-out filing and the bureau’s answer', () => {
  it('refuses a completion or a rejection dated before the filing', () => {
    decider
      .given(requested)
      .when(completeTransfer('2024-06', '2024-06-30'))
      .thenThrows('DATE_OUT_OF_ORDER', {
        conflictsWith: { step: 'si_transfer_out', action: 'request', effectiveDate: '2024-07-01' },
      });
    decider
      .given(requested)
      .when(perform('si_transfer_out', { action: 'reject', effectiveDate: '2024-06-30', note: '退单' }))
      .thenThrows('DATE_OUT_OF_ORDER', { conflictsWith: { action: 'request', effectiveDate: '2024-07-01' } });
  });

  it('takes an answer on the day of the filing', () => {
    decider
      .given(requested)
      .when(completeTransfer('2024-06', '2024-07-01'))
      .then([{ type: 'SocialInsuranceTransferOutCompleted' }]);
  });

  it('refuses a new filing dated before the rejection of the last one', () => {
    const rejected = play(requested, [perform('si_transfer_out', { action: 'reject', effectiveDate: '2024-07-03', note: '退单' })]);
    decider
      .given(rejected)
      .when(requestTransfer('2024-07-02'))
      .thenThrows('DATE_OUT_OF_ORDER', { conflictsWith: { action: 'reject', effectiveDate: '2024-07-03' } });
    decider
      .given(rejected)
      .when(requestTransfer('2024-07-03'))
      .then([{ type: 'SocialInsuranceTransferOutRequested' }]);
  });
});

describe('the termination date of 退工', () => {
  it('refuses one more than 90 days after today', () => {
    decider
      .given(handedOver)
      .when(perform('labor_termination', { effectiveDate: '2024-07-03', today: '2024-07-03', data: { terminationDate: '2024-10-02' } }))
      .thenThrows('DATE_IN_FUTURE', { field: 'data.terminationDate', latest: '2024-10-01' });
  });

  it('refuses one before the hire date (for a case whose last working day predates the rule)', () => {
    const early = play([{ ...opened(), data: { ...opened().data, lastWorkingDay: '2019-06-30', openedAt: '2019-06-01' } }], []);
    const ready = play(early, [
      perform('approval', { effectiveDate: '2020-01-06' }),
      perform('si_transfer_out', { action: 'request', effectiveDate: '2020-01-06' }),
      completeTransfer('2019-12', '2020-01-06'),
      perform('handover', { effectiveDate: '2020-01-06' }),
    ]);
    decider
      .given(ready)
      .when(perform('labor_termination', { effectiveDate: '2020-01-06', data: { terminationDate: '2019-12-31' } }))
      .thenThrows('DATE_OUT_OF_ORDER', { field: 'data.terminationDate', conflictsWith: { field: 'hireDate', effectiveDate: HIRE_DATE } });
  });
});

describe('several dates broken at once', () => {
  it('names the latest: the date the step may not precede', () => {
    // 2020-01-01 is before the hire (2020-01-06), the opening (2024-06-01) and the transfer-out (2024-07-03).
    decider
      .given(handedOver)
      .when(perform('labor_termination', { effectiveDate: '2020-01-01' }))
      .thenThrows('DATE_OUT_OF_ORDER', { date: '2020-01-01', conflictsWith: { step: 'si_transfer_out', effectiveDate: '2024-07-03' } });
  });
});
