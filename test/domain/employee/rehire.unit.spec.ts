import { HireEmployee } from '../../../src/domain/employee/employee.commands';
import { employeeDecider, employmentPeriods } from '../../../src/domain/employee/employee.decider';
import { EmployeeEvent } from '../../../src/domain/employee/employee.events';
import { spec } from '../given-when-then';

const employeeId = 'E1001';
const ID_NUMBER = '11010519491231002X';
const decider = spec(employeeDecider);
/** The business day the commands are sent on (plans may lie up to 90 days after it). */
const TODAY = '2026-12-03';
const fold = (events: EmployeeEvent[]) => events.reduce(employeeDecider.evolve, employeeDecider.initialState);

const hire = (data: Partial<HireEmployee['data']> = {}): HireEmployee => ({
  type: 'HireEmployee',
  data: {
    employeeId,
    name: '张三',
    idNumber: ID_NUMBER,
    orgUnit: 'Sales',
    category: 'enterprise_regular',
    region: 'shanghai',
    hireDate: '2025-01-02',
    monthlyWage: 15000,
    today: TODAY,
    ...data,
  },
});

const firstPeriod: EmployeeEvent[] = [
  {
    type: 'EmployeeHired',
    data: {
      employeeId,
      orgUnit: 'Finance',
      category: 'enterprise_regular',
      region: 'shanghai',
      hireDate: '2020-01-06',
      monthlyWage: 12000,
      position: 'Accountant',
    },
    effectiveDate: '2020-01-06',
  },
  { type: 'PersonalDataRecorded', data: { employeeId, name: '张三', idNumber: ID_NUMBER, contact: { phone: '13800000000' } } },
  {
    type: 'ContractSigned',
    data: { employeeId, contractId: 'C1', contractType: 'fixed_term', kind: 'labour', startDate: '2020-01-06', endDate: '2026-01-05' },
  },
  { type: 'OffboardingCaseReserved', data: { employeeId, caseId: 'K1', reason: 'dismissal', lastWorkingDay: '2024-06-30' } },
  {
    type: 'EmployeeSeparated',
    data: { employeeId, caseId: 'K1', terminationDate: '2024-06-30', reason: 'dismissal' },
    effectiveDate: '2024-06-30',
  },
  { type: 'OffboardingCaseReleased', data: { employeeId, caseId: 'K1', outcome: 'completed' } },
];
const rehired: EmployeeEvent = {
  type: 'EmployeeRehired',
  data: {
    employeeId,
    hireDate: '2025-01-02',
    orgUnit: 'Sales',
    category: 'enterprise_regular',
    region: 'shanghai',
    monthlyWage: 15000,
    position: null,
  },
  effectiveDate: '2025-01-02',
};
const secondPeriod = [...firstPeriod, rehired];

describe('when the employee is employed', () => {
  it('refuses a hire on the same id, as before (EMPLOYEE_EXISTS)', () => {
    decider.given(firstPeriod.slice(0, 3)).when(hire()).thenThrows('EMPLOYEE_EXISTS');
    decider
      .given(secondPeriod)
      .when(hire({ hireDate: '2025-06-01' }))
      .thenThrows('EMPLOYEE_EXISTS');
  });
});

describe('when the employee is separated', () => {
  it('rehires: a new period; personal data is not recorded again when unchanged', () => {
    const { state } = decider.given(firstPeriod).when(hire()).then([rehired]);
    expect(state).toMatchObject({
      status: 'employed',
      hireDate: '2025-01-02',
      orgUnit: 'Sales',
      monthlyWage: 15000,
      position: null,
      openCaseId: null,
    });
    expect(state).not.toHaveProperty('separation');
    expect(employmentPeriods(state as never)).toEqual([
      { hireDate: '2020-01-06', terminationDate: '2024-06-30', caseId: 'K1' },
      { hireDate: '2025-01-02' },
    ]);
  });

  it('records personal data that changed (a new name or contact), keeping the contact when none is sent', () => {
    decider
      .given(firstPeriod)
      .when(hire({ name: '张叁' }))
      .then([
        rehired,
        { type: 'PersonalDataRecorded', data: { employeeId, name: '张叁', idNumber: ID_NUMBER, contact: { phone: '13800000000' } } },
      ]);
  });

  it('records the Regs art. 10 transfer with the new period', () => {
    const priorTransfer = { fromEmployer: 'Group Co.', since: '2024-08-01', notOfOwnWill: true as const, compensationPaid: false };
    const { state } = decider
      .given(firstPeriod)
      .when(hire({ priorTransfer }))
      .then([{ ...rehired, data: { ...rehired.data, priorTransfer } }]);
    expect(state).toMatchObject({ priorTransfer });
  });

  it('refuses a rehire on or before the last termination date', () => {
    decider
      .given(firstPeriod)
      .when(hire({ hireDate: '2024-06-30' }))
      .thenThrows('REHIRE_BEFORE_TERMINATION', { lastTerminationDate: '2024-06-30' });
    decider
      .given(firstPeriod)
      .when(hire({ hireDate: '2024-07-01' }))
      .then([{ type: 'EmployeeRehired' }]);
  });

  it('refuses another person’s ID number, without repeating either number', () => {
    const error = decider
      .given(firstPeriod)
      .when(hire({ idNumber: '110105194912310038' }))
      .thenThrows('ID_NUMBER_MISMATCH');
    expect(error.message).not.toMatch(/\d{6}/);
  });

  it('refuses a transfer that was the employee’s own choice, or that starts after the hire', () => {
    const transfer = { fromEmployer: 'Group Co.', since: '2024-08-01', notOfOwnWill: true as const };
    decider
      .given(firstPeriod)
      .when(hire({ priorTransfer: { ...transfer, notOfOwnWill: false as never } }))
      .thenThrows('INVALID_PRIOR_TRANSFER', { field: 'priorTransfer.notOfOwnWill' });
    decider
      .given(firstPeriod)
      .when(hire({ priorTransfer: { ...transfer, since: '2025-01-02' } }))
      .thenThrows('INVALID_PRIOR_TRANSFER', { field: 'priorTransfer.since' });
  });

  it('refuses to reopen an archive whose personal data was erased', () => {
    decider
      .given([...firstPeriod, { type: 'PersonalDataErased', data: { employeeId } }])
      .when(hire())
      .thenThrows('PERSONAL_DATA_ERASED');
  });
});

describe('when rehired', () => {
  it('opens a second offboarding case for the new period', () => {
    decider
      .given(secondPeriod)
      .when({ type: 'ReserveOffboarding', data: { caseId: 'K2', reason: 'resignation', lastWorkingDay: '2025-11-30' } })
      .then([{ type: 'OffboardingCaseReserved' }]);
    // A last working day in the previous period is not one of this period.
    decider
      .given(secondPeriod)
      .when({ type: 'ReserveOffboarding', data: { caseId: 'K2', reason: 'resignation', lastWorkingDay: '2024-12-31' } })
      .thenThrows('INVALID_DATE');
  });

  it('ignores the previous case’s late messages: its separation, reservation and release change nothing', () => {
    decider
      .given(secondPeriod)
      .when({ type: 'RecordSeparation', data: { caseId: 'K1', terminationDate: '2024-06-30', reason: 'dismissal' } })
      .then([]);
    decider
      .given(secondPeriod)
      .when({ type: 'ReserveOffboarding', data: { caseId: 'K1', reason: 'dismissal', lastWorkingDay: '2024-06-30' } })
      .then([]);
    decider
      .given(secondPeriod)
      .when({ type: 'ReleaseOffboarding', data: { caseId: 'K1', outcome: 'completed' } })
      .then([]);
    expect(fold(secondPeriod)).toMatchObject({ status: 'employed' });
  });

  it('records the new period’s separation and keeps every period', () => {
    const { state } = decider
      .given([
        ...secondPeriod,
        { type: 'OffboardingCaseReserved', data: { employeeId, caseId: 'K2', reason: 'resignation', lastWorkingDay: '2025-11-30' } },
      ])
      .when({ type: 'RecordSeparation', data: { caseId: 'K2', terminationDate: '2025-11-30', reason: 'resignation' } })
      .then([{ type: 'EmployeeSeparated' }]);
    expect(employmentPeriods(state as never)).toEqual([
      { hireDate: '2020-01-06', terminationDate: '2024-06-30', caseId: 'K1' },
      { hireDate: '2025-01-02', terminationDate: '2025-11-30', caseId: 'K2' },
    ]);
  });

  it('does not hold the previous period’s contract against a new one', () => {
    decider
      .given(secondPeriod)
      .when({ type: 'SignContract', data: { contractId: 'C2', contractType: 'open_ended', startDate: '2025-01-02', today: TODAY } })
      .then([{ type: 'ContractSigned' }]);
  });

  it('keeps the lock of a previous case still open after 退工: a new case waits for it', () => {
    const stillOpen = [...firstPeriod.filter((e) => e.type !== 'OffboardingCaseReleased'), rehired];
    decider
      .given(stillOpen)
      .when({ type: 'ReserveOffboarding', data: { caseId: 'K2', reason: 'resignation', lastWorkingDay: '2025-11-30' } })
      .thenThrows('OPEN_CASE_EXISTS', { openCaseId: 'K1' });
  });
});
