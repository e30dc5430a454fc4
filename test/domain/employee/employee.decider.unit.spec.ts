import { DomainError } from '../../../src/domain/decider';
import { EmployeeCommand, HireEmployee } from '../../../src/domain/employee/employee.commands';
import { employeeDecider } from '../../../src/domain/employee/employee.decider';
import {
  ContractKind,
  ContractSigned,
  EmployeeEvent,
  EmployeeHired,
  EmployeeSeparated,
  OffboardingCaseReleased,
  OffboardingCaseReserved,
  PersonalDataRecorded,
} from '../../../src/domain/employee/employee.events';
import { ContractType, EMPLOYEE_CATEGORIES, EmployeeCategory } from '../../../src/domain/shared/vocabulary';
import { spec } from '../given-when-then';
import { employeeStream } from '../../../src/domain/shared/streams';

const employeeId = 'E1001';
const NAME = '张三';
const ID_NUMBER = '11010519491231002X';
const HIRE_DATE = '2020-01-06';
/** The business day commands are sent on, unless a test says otherwise: late enough for the contract terms these specs sign (up to 2040). */
const TODAY = '2040-01-01';

const hire = (data: Partial<HireEmployee['data']> = {}): HireEmployee => ({
  type: 'HireEmployee',
  data: {
    employeeId,
    name: NAME,
    idNumber: ID_NUMBER,
    orgUnit: 'Finance',
    category: 'enterprise_regular',
    region: 'shanghai',
    hireDate: HIRE_DATE,
    monthlyWage: 12000,
    today: TODAY,
    ...data,
  },
});

const hired = (category: EmployeeCategory = 'enterprise_regular'): EmployeeHired => ({
  type: 'EmployeeHired',
  data: { employeeId, orgUnit: 'Finance', category, region: 'shanghai', hireDate: HIRE_DATE, monthlyWage: 12000, position: 'Accountant' },
  effectiveDate: HIRE_DATE,
});

const personalData = {
  type: 'PersonalDataRecorded',
  data: { employeeId, name: NAME, idNumber: ID_NUMBER, contact: { phone: '13800000000', email: 'zhang.san@example.com' } },
} satisfies PersonalDataRecorded;

const signed = (
  contractId: string,
  contractType: ContractType,
  startDate: string,
  endDate: string | null,
  kind: ContractKind = 'labour',
): ContractSigned => ({
  type: 'ContractSigned',
  data: { employeeId, contractId, contractType, kind, startDate, endDate },
});

const reserved = (caseId = 'K1'): OffboardingCaseReserved => ({
  type: 'OffboardingCaseReserved',
  data: { employeeId, caseId, reason: 'resignation', lastWorkingDay: '2024-06-30' },
});

const released = (caseId = 'K1', outcome: 'completed' | 'cancelled' = 'cancelled'): OffboardingCaseReleased => ({
  type: 'OffboardingCaseReleased',
  data: { employeeId, caseId, outcome },
});

const separated = (caseId = 'K1'): EmployeeSeparated => ({
  type: 'EmployeeSeparated',
  data: { employeeId, caseId, terminationDate: '2024-06-30', reason: 'resignation' },
  effectiveDate: '2024-06-30',
});

const sign = (contractId: string, contractType: ContractType, startDate: string, endDate?: string): EmployeeCommand => ({
  type: 'SignContract',
  data: { contractId, contractType, startDate, ...(endDate === undefined ? {} : { endDate }), today: TODAY },
});
const changePosition = (effectiveDate: string, orgUnit?: string): EmployeeCommand => ({
  type: 'ChangePosition',
  data: { position: 'Senior Accountant', effectiveDate, ...(orgUnit ? { orgUnit } : {}), today: TODAY },
});
const recordSeparation = (caseId = 'K1', terminationDate = '2024-06-30'): EmployeeCommand => ({
  type: 'RecordSeparation',
  data: { caseId, terminationDate, reason: 'resignation' },
});
const reserve = (caseId = 'K1', lastWorkingDay = '2024-06-30'): EmployeeCommand => ({
  type: 'ReserveOffboarding',
  data: { caseId, reason: 'resignation', lastWorkingDay },
});
const release = (caseId = 'K1', outcome: 'completed' | 'cancelled' = 'completed'): EmployeeCommand => ({
  type: 'ReleaseOffboarding',
  data: { caseId, outcome },
});

const given = (history: EmployeeEvent[]) => spec(employeeDecider).given(history);
const employed = [hired(), personalData];
const withOpenCase = [...employed, reserved('K1')];
const afterSeparation = [...withOpenCase, separated('K1')];

/** Personal data must never leave PersonalDataRecorded, nor appear in refusals. */
const expectNoPersonalData = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const secret of [NAME, ID_NUMBER, '13800000000', 'zhang.san@example.com']) expect(text).not.toContain(secret);
};

describe('employee archive decider', () => {
  it('names the stream employee-<id>', () => {
    expect(employeeStream('E1001')).toBe('employee-E1001');
  });

  describe('when the employee is not hired', () => {
    it('hires: hire facts in EmployeeHired, personal data in its own PersonalDataRecorded', () => {
      const { events } = given([])
        .when(hire({ position: 'Accountant', contact: { phone: '13800000000', email: 'zhang.san@example.com' } }))
        .then([
          {
            type: 'EmployeeHired',
            data: {
              employeeId,
              orgUnit: 'Finance',
              category: 'enterprise_regular',
              region: 'shanghai',
              hireDate: HIRE_DATE,
              monthlyWage: 12000,
              position: 'Accountant',
            },
            effectiveDate: HIRE_DATE,
          },
          personalData,
        ]);
      expectNoPersonalData(events.filter((e) => e.type !== 'PersonalDataRecorded'));
    });

    it('records no position and an empty contact block when none are given', () => {
      given([])
        .when(hire())
        .then([
          { type: 'EmployeeHired', data: expect.objectContaining({ position: null }) },
          { type: 'PersonalDataRecorded', data: { employeeId, name: NAME, idNumber: ID_NUMBER, contact: {} } },
        ]);
    });

    it.each(EMPLOYEE_CATEGORIES)('hires into category %s', (category) => {
      given([])
        .when(hire({ category }))
        .then([{ type: 'EmployeeHired', data: expect.objectContaining({ category }) }, { type: 'PersonalDataRecorded' }]);
    });

    it('records the ID number with an upper-case X', () => {
      given([])
        .when(hire({ idNumber: '11010519491231002x' }))
        .then([{ type: 'EmployeeHired' }, { type: 'PersonalDataRecorded', data: expect.objectContaining({ idNumber: ID_NUMBER }) }]);
    });

    it('accepts a monthly wage of zero', () => {
      given([])
        .when(hire({ monthlyWage: 0 }))
        .then([{ type: 'EmployeeHired', data: expect.objectContaining({ monthlyWage: 0 }) }, { type: 'PersonalDataRecorded' }]);
    });

    it('refuses an invalid ID number with the reason, never the number', () => {
      const error = given([])
        .when(hire({ idNumber: '110105194912310021' }))
        .thenThrows('INVALID_ID_NUMBER', { reason: 'check character does not match the first 17 digits' });
      expect(error.message).toContain('check character');
      expectNoPersonalData({ message: error.message, details: error.details });
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('110105194912310021');
    });

    it.each([-1, -0.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses a monthly wage of %s', (monthlyWage) => {
      given([]).when(hire({ monthlyWage })).thenThrows('INVALID_WAGE');
    });

    it.each(['2020-02-30', '2020/01/06', '2020-1-6', ''])('refuses the hire date %j', (hireDate) => {
      given([]).when(hire({ hireDate })).thenThrows('INVALID_DATE', { field: 'hireDate' });
    });

    it.each<EmployeeCommand>([
      { type: 'UpdatePersonalData', data: { name: '李四' } },
      sign('C1', 'open_ended', HIRE_DATE),
      changePosition('2021-01-01'),
      recordSeparation(),
      reserve(),
      release(),
    ])('refuses $type with NOT_FOUND', (command) => {
      given([]).when(command).thenThrows('NOT_FOUND');
    });
  });

  describe('when employed', () => {
    it('refuses a second hire', () => {
      given(employed).when(hire()).thenThrows('EMPLOYEE_EXISTS', { employeeId });
    });

    describe('updating personal data', () => {
      it('records the full new set, keeping what the command leaves out', () => {
        given(employed)
          .when({ type: 'UpdatePersonalData', data: { name: '张叁' } })
          .then([{ type: 'PersonalDataRecorded', data: { ...personalData.data, name: '张叁' } }]);
      });

      it('replaces the whole contact block when one is given', () => {
        given(employed)
          .when({ type: 'UpdatePersonalData', data: { contact: { address: '上海市浦东新区' } } })
          .then([
            { type: 'PersonalDataRecorded', data: { employeeId, name: NAME, idNumber: ID_NUMBER, contact: { address: '上海市浦东新区' } } },
          ]);
      });

      it('normalizes a new ID number', () => {
        given(employed)
          .when({ type: 'UpdatePersonalData', data: { idNumber: '11010219840406970x' } })
          .then([{ type: 'PersonalDataRecorded', data: { ...personalData.data, idNumber: '11010219840406970X' } }]);
      });

      it('refuses an invalid new ID number', () => {
        given(employed)
          .when({ type: 'UpdatePersonalData', data: { idNumber: '010105194912310026' } })
          .thenThrows('INVALID_ID_NUMBER', { reason: 'area code must not start with 0' });
      });

      it('refuses a partial update when no personal data is on record', () => {
        given([hired()])
          .when({ type: 'UpdatePersonalData', data: { name: '张叁' } })
          .thenThrows('PERSONAL_DATA_INCOMPLETE');
      });

      it('accepts a complete set when no personal data is on record', () => {
        given([hired()])
          .when({ type: 'UpdatePersonalData', data: { name: NAME, idNumber: ID_NUMBER } })
          .then([{ type: 'PersonalDataRecorded', data: { employeeId, name: NAME, idNumber: ID_NUMBER, contact: {} } }]);
      });
    });

    describe('signing a contract', () => {
      it('records a fixed-term labour contract', () => {
        given(employed)
          .when(sign('C1', 'fixed_term', HIRE_DATE, '2023-01-05'))
          .then([
            {
              type: 'ContractSigned',
              data: {
                employeeId,
                contractId: 'C1',
                contractType: 'fixed_term',
                kind: 'labour',
                startDate: HIRE_DATE,
                endDate: '2023-01-05',
              },
            },
          ]);
      });

      it.each([
        ['enterprise_regular', 'labour'],
        ['enterprise_contract', 'labour'],
        ['school_establishment', 'appointment'],
        ['school_non_establishment', 'appointment'],
      ] as const)('for category %s, records a %s contract under the same rules', (category, kind) => {
        given([hired(category)])
          .when(sign('C1', 'fixed_term', HIRE_DATE, '2023-01-05'))
          .then([{ type: 'ContractSigned', data: expect.objectContaining({ kind }) }]);
        given([hired(category)])
          .when(sign('C1', 'fixed_term', HIRE_DATE))
          .thenThrows('CONTRACT_DATES_INVALID', { field: 'endDate' });
      });

      it('accepts a fixed-term contract ending the day after it starts', () => {
        given(employed)
          .when(sign('C1', 'fixed_term', HIRE_DATE, '2020-01-07'))
          .then([{ type: 'ContractSigned', data: expect.objectContaining({ endDate: '2020-01-07' }) }]);
      });

      it('refuses a fixed-term contract without an end date', () => {
        const error = given(employed)
          .when(sign('C1', 'fixed_term', HIRE_DATE))
          .thenThrows('CONTRACT_DATES_INVALID', { field: 'endDate' });
        expect(error.message).toMatch(/fixed-term contract needs an endDate/);
      });

      it('refuses a fixed-term contract ending on its start date', () => {
        const error = given(employed)
          .when(sign('C1', 'fixed_term', '2021-01-01', '2021-01-01'))
          .thenThrows('CONTRACT_DATES_INVALID', { field: 'endDate' });
        expect(error.message).toMatch(/must be after startDate/);
      });

      it('refuses a fixed-term contract ending before it starts', () => {
        given(employed)
          .when(sign('C1', 'fixed_term', '2021-01-01', '2020-12-31'))
          .thenThrows('CONTRACT_DATES_INVALID', { field: 'endDate' });
      });

      it('records an open-ended contract without an end date', () => {
        given(employed)
          .when(sign('C1', 'open_ended', HIRE_DATE))
          .then([{ type: 'ContractSigned', data: expect.objectContaining({ contractType: 'open_ended', endDate: null }) }]);
      });

      it('refuses an open-ended contract with an end date', () => {
        const error = given(employed)
          .when(sign('C1', 'open_ended', HIRE_DATE, '2030-01-01'))
          .thenThrows('CONTRACT_DATES_INVALID', { field: 'endDate' });
        expect(error.message).toMatch(/open-ended contract has no endDate/);
      });

      it('records a task-based contract with or without an end date', () => {
        given(employed)
          .when(sign('C1', 'task_based', HIRE_DATE))
          .then([{ type: 'ContractSigned', data: expect.objectContaining({ contractType: 'task_based', endDate: null }) }]);
        given(employed)
          .when(sign('C1', 'task_based', HIRE_DATE, '2020-06-30'))
          .then([{ type: 'ContractSigned', data: expect.objectContaining({ contractType: 'task_based', endDate: '2020-06-30' }) }]);
      });

      it('refuses a task-based contract ending on its start date', () => {
        given(employed)
          .when(sign('C1', 'task_based', '2021-01-01', '2021-01-01'))
          .thenThrows('CONTRACT_DATES_INVALID', { field: 'endDate' });
      });

      it('accepts a contract starting on the hire date and refuses one starting the day before', () => {
        given(employed)
          .when(sign('C1', 'open_ended', HIRE_DATE))
          .then([{ type: 'ContractSigned' }]);
        const error = given(employed)
          .when(sign('C1', 'open_ended', '2020-01-05'))
          .thenThrows('CONTRACT_DATES_INVALID', { field: 'startDate' });
        expect(error.message).toBe('startDate (2020-01-05) is before the hire date (2020-01-06).');
      });

      it('refuses dates that are not real dates, naming which one', () => {
        given(employed)
          .when(sign('C1', 'fixed_term', '2021-02-29', '2023-01-01'))
          .thenThrows('CONTRACT_DATES_INVALID', { field: 'startDate' });
        given(employed)
          .when(sign('C1', 'fixed_term', '2021-01-01', '2023-13-01'))
          .thenThrows('CONTRACT_DATES_INVALID', { field: 'endDate' });
      });

      it('refuses a contract id already on record', () => {
        given([...employed, signed('C1', 'fixed_term', HIRE_DATE, '2023-01-05')])
          .when(sign('C1', 'fixed_term', '2023-01-06', '2026-01-05'))
          .thenThrows('CONTRACT_EXISTS', { contractId: 'C1' });
      });

      describe('overlap (end dates are inclusive)', () => {
        const first = signed('C1', 'fixed_term', HIRE_DATE, '2023-01-05');

        it('accepts a contract starting the day after the previous one ends', () => {
          given([...employed, first])
            .when(sign('C2', 'open_ended', '2023-01-06'))
            .then([{ type: 'ContractSigned', data: expect.objectContaining({ contractId: 'C2' }) }]);
        });

        it('accepts a contract ending the day before an existing one starts', () => {
          given([...employed, signed('C2', 'open_ended', '2023-01-06', null)])
            .when(sign('C1', 'fixed_term', HIRE_DATE, '2023-01-05'))
            .then([{ type: 'ContractSigned', data: expect.objectContaining({ contractId: 'C1' }) }]);
        });

        it('refuses a contract starting on the day the previous one ends, in both languages', () => {
          const error = given([...employed, first])
            .when(sign('C2', 'fixed_term', '2023-01-05', '2026-01-04'))
            .thenThrows('CONTRACT_OVERLAP', { overlappingContract: { contractId: 'C1', startDate: HIRE_DATE, endDate: '2023-01-05' } });
          expect(error.message).toContain('合同期限与已有合同 C1');
          expect(error.message).toContain('The contract overlaps contract C1 (2020-01-06 to 2023-01-05, end date inclusive)');
        });

        it('refuses a contract ending on the day an existing one starts', () => {
          given([...employed, signed('C2', 'open_ended', '2023-01-05', null)])
            .when(sign('C1', 'fixed_term', HIRE_DATE, '2023-01-05'))
            .thenThrows('CONTRACT_OVERLAP', { overlappingContract: { contractId: 'C2' } });
        });

        it('refuses a contract lying inside an existing one', () => {
          given([...employed, first])
            .when(sign('C2', 'task_based', '2021-01-01', '2021-06-30'))
            .thenThrows('CONTRACT_OVERLAP');
        });

        it('refuses a contract enclosing an existing one', () => {
          given([...employed, signed('C1', 'task_based', '2021-01-01', '2021-06-30')])
            .when(sign('C2', 'fixed_term', HIRE_DATE, '2023-01-05'))
            .thenThrows('CONTRACT_OVERLAP', { overlappingContract: { contractId: 'C1' } });
        });

        it('treats an open-ended contract as running forever', () => {
          const error = given([...employed, signed('C1', 'open_ended', HIRE_DATE, null)])
            .when(sign('C2', 'fixed_term', '2040-01-01', '2045-12-31'))
            .thenThrows('CONTRACT_OVERLAP', { overlappingContract: { contractId: 'C1', endDate: null } });
          expect(error.message).toContain('无固定期限');
          expect(error.message).toContain('open-ended');
        });

        it('treats a task-based contract without an end date as running until further notice', () => {
          given([...employed, signed('C1', 'task_based', HIRE_DATE, null)])
            .when(sign('C2', 'fixed_term', '2030-01-01', '2031-12-31'))
            .thenThrows('CONTRACT_OVERLAP');
        });

        it('refuses a new open-ended contract that starts before an existing one ends', () => {
          given([...employed, first])
            .when(sign('C2', 'open_ended', '2022-01-01'))
            .thenThrows('CONTRACT_OVERLAP');
        });

        it('checks every existing contract, not only the latest', () => {
          given([...employed, first, signed('C2', 'fixed_term', '2023-01-06', '2026-01-05')])
            .when(sign('C3', 'task_based', '2022-12-01', '2022-12-31'))
            .thenThrows('CONTRACT_OVERLAP', { overlappingContract: { contractId: 'C1' } });
        });
      });
    });

    describe('changing position', () => {
      it('records the new position and keeps the unit', () => {
        given(employed)
          .when(changePosition('2021-03-01'))
          .then([
            {
              type: 'PositionChanged',
              data: { employeeId, position: 'Senior Accountant', orgUnit: 'Finance', effectiveDate: '2021-03-01' },
              effectiveDate: '2021-03-01',
            },
          ]);
      });

      it('records a move to another unit', () => {
        given(employed)
          .when(changePosition('2021-03-01', 'Treasury'))
          .then([{ type: 'PositionChanged', data: expect.objectContaining({ orgUnit: 'Treasury' }) }]);
      });

      it('accepts the hire date and refuses the day before', () => {
        given(employed)
          .when(changePosition(HIRE_DATE))
          .then([{ type: 'PositionChanged' }]);
        given(employed).when(changePosition('2020-01-05')).thenThrows('INVALID_DATE', { field: 'effectiveDate', hireDate: HIRE_DATE });
      });

      it('refuses a date that is not a real date', () => {
        given(employed).when(changePosition('2021-02-29')).thenThrows('INVALID_DATE', { field: 'effectiveDate' });
      });
    });

    describe('recording a separation', () => {
      it('records it even without a reserved case (the offboarding case already registered it)', () => {
        given(employed)
          .when(recordSeparation('K1'))
          .then([
            {
              type: 'EmployeeSeparated',
              data: { employeeId, caseId: 'K1', terminationDate: '2024-06-30', reason: 'resignation' },
              effectiveDate: '2024-06-30',
            },
          ]);
      });

      it('accepts the hire date and refuses the day before', () => {
        given(employed)
          .when(recordSeparation('K1', HIRE_DATE))
          .then([{ type: 'EmployeeSeparated' }]);
        given(employed).when(recordSeparation('K1', '2020-01-05')).thenThrows('INVALID_DATE', { field: 'terminationDate' });
        given(employed).when(recordSeparation('K1', '2024-06-31')).thenThrows('INVALID_DATE', { field: 'terminationDate' });
      });
    });

    describe('offboarding lock', () => {
      it('reserves the lock for a new case', () => {
        given(employed)
          .when(reserve('K1'))
          .then([
            { type: 'OffboardingCaseReserved', data: { employeeId, caseId: 'K1', reason: 'resignation', lastWorkingDay: '2024-06-30' } },
          ]);
      });

      it('accepts a last working day on the hire date and refuses the day before', () => {
        given(employed)
          .when(reserve('K1', HIRE_DATE))
          .then([{ type: 'OffboardingCaseReserved' }]);
        given(employed).when(reserve('K1', '2020-01-05')).thenThrows('INVALID_DATE', { field: 'lastWorkingDay' });
        given(employed).when(reserve('K1', 'tomorrow')).thenThrows('INVALID_DATE', { field: 'lastWorkingDay' });
      });

      it('ignores a release when no case is open', () => {
        given(employed).when(release('K1')).then([]);
      });

      it('reserves again for a new case after the previous one was released', () => {
        given([...withOpenCase, released('K1')])
          .when(reserve('K2'))
          .then([{ type: 'OffboardingCaseReserved', data: expect.objectContaining({ caseId: 'K2' }) }]);
      });

      it('ignores a late retry to reserve a case that was already released', () => {
        given([...withOpenCase, released('K1')])
          .when(reserve('K1'))
          .then([]);
      });

      it('ignores a repeated release', () => {
        given([...withOpenCase, released('K1')])
          .when(release('K1'))
          .then([]);
      });
    });
  });

  describe('when a case is open', () => {
    it('refuses another case, naming the open one, in both languages', () => {
      const error = given(withOpenCase).when(reserve('K2')).thenThrows('OPEN_CASE_EXISTS', { openCaseId: 'K1' });
      expect(error.message).toContain('该员工已有进行中的离职流程 (case K1)');
      expect(error.message).toContain('The employee already has an open offboarding case (K1)');
    });

    it('ignores a retry for the open case', () => {
      given(withOpenCase).when(reserve('K1')).then([]);
    });

    it.each(['completed', 'cancelled'] as const)('releases the lock when the case is %s', (outcome) => {
      given(withOpenCase)
        .when(release('K1', outcome))
        .then([{ type: 'OffboardingCaseReleased', data: { employeeId, caseId: 'K1', outcome } }]);
    });

    it('ignores a release for another case', () => {
      given(withOpenCase).when(release('K2')).then([]);
    });

    it('records the separation registered by the open case', () => {
      given(withOpenCase)
        .when(recordSeparation('K1'))
        .then([{ type: 'EmployeeSeparated', data: expect.objectContaining({ caseId: 'K1' }) }]);
    });

    it('still takes contracts and position changes while the case runs', () => {
      given(withOpenCase)
        .when(changePosition('2024-05-01'))
        .then([{ type: 'PositionChanged' }]);
      given(withOpenCase)
        .when(sign('C1', 'fixed_term', HIRE_DATE, '2024-12-31'))
        .then([{ type: 'ContractSigned' }]);
    });
  });

  describe('when separated', () => {
    it.each<[string, EmployeeCommand]>([
      ['SignContract', sign('C9', 'fixed_term', '2024-07-01', '2025-06-30')],
      ['ChangePosition', changePosition('2024-07-01')],
      ['ReserveOffboarding for a new case', reserve('K2')],
    ])('refuses %s with EMPLOYEE_SEPARATED, in both languages', (_, command) => {
      const error = given(afterSeparation).when(command).thenThrows('EMPLOYEE_SEPARATED', { terminationDate: '2024-06-30', caseId: 'K1' });
      expect(error.message).toMatch(/^该员工已于 2024-06-30 离职，.+ \/ The employee separated on 2024-06-30; /);
    });

    it('refuses a separation from another case', () => {
      given(afterSeparation).when(recordSeparation('K2')).thenThrows('EMPLOYEE_SEPARATED');
    });

    it('ignores a repeated separation from the same case', () => {
      given(afterSeparation).when(recordSeparation('K1')).then([]);
      given(afterSeparation).when(recordSeparation('K1', '2024-07-31')).then([]);
    });

    it('ignores a retry to reserve the case that separated the employee', () => {
      given(afterSeparation).when(reserve('K1')).then([]);
    });

    it('releases the case when it completes after labour termination', () => {
      given(afterSeparation)
        .when(release('K1', 'completed'))
        .then([{ type: 'OffboardingCaseReleased', data: expect.objectContaining({ caseId: 'K1', outcome: 'completed' }) }]);
    });

    it('refuses ReserveOffboarding with EMPLOYEE_SEPARATED once the case is released', () => {
      given([...afterSeparation, released('K1', 'completed')])
        .when(reserve('K2'))
        .thenThrows('EMPLOYEE_SEPARATED');
    });

    it('still takes corrections of personal data', () => {
      given(afterSeparation)
        .when({ type: 'UpdatePersonalData', data: { contact: { phone: '13900000000' } } })
        .then([{ type: 'PersonalDataRecorded', data: { employeeId, name: NAME, idNumber: ID_NUMBER, contact: { phone: '13900000000' } } }]);
    });

    it('takes a hire on the same id as a rehire, refused on or before the termination date (see rehire.unit.spec.ts)', () => {
      given(afterSeparation).when(hire()).thenThrows('REHIRE_BEFORE_TERMINATION');
    });
  });

  describe('state', () => {
    it('folds the archive without reading personal data for any rule', () => {
      const history: EmployeeEvent[] = [
        hired('school_establishment'),
        personalData,
        signed('C1', 'fixed_term', HIRE_DATE, '2023-01-05', 'appointment'),
        {
          type: 'PositionChanged',
          data: { employeeId, position: 'Head of Finance', orgUnit: 'Treasury', effectiveDate: '2022-01-01' },
          effectiveDate: '2022-01-01',
        },
        reserved('K1'),
        separated('K1'),
      ];
      const state = history.reduce(employeeDecider.evolve, employeeDecider.initialState);
      expect(state).toEqual({
        status: 'separated',
        employeeId,
        category: 'school_establishment',
        region: 'shanghai',
        hireDate: HIRE_DATE,
        monthlyWage: 12000,
        wages: [{ effectiveDate: HIRE_DATE, monthlyWage: 12000 }],
        monthlyPay: {},
        orgUnit: 'Treasury',
        position: 'Head of Finance',
        contracts: [{ contractId: 'C1', contractType: 'fixed_term', kind: 'appointment', startDate: HIRE_DATE, endDate: '2023-01-05' }],
        openCaseId: 'K1',
        closedCaseIds: [],
        personalData: { name: NAME, idNumber: ID_NUMBER, contact: personalData.data.contact },
        personalDataErased: false,
        separation: { caseId: 'K1', terminationDate: '2024-06-30', reason: 'resignation' },
      });
    });

    it('decides every rule the same without personal data on record', () => {
      const withoutPersonalData = [hired(), reserved('K1')];
      given(withoutPersonalData).when(reserve('K2')).thenThrows('OPEN_CASE_EXISTS');
      given(withoutPersonalData)
        .when(sign('C1', 'open_ended', HIRE_DATE))
        .then([{ type: 'ContractSigned' }]);
      given(withoutPersonalData)
        .when(recordSeparation('K1'))
        .then([{ type: 'EmployeeSeparated' }]);
    });

    it('refusals are DomainErrors carrying no personal data', () => {
      const refusals: Array<[EmployeeEvent[], EmployeeCommand]> = [
        [afterSeparation, sign('C9', 'fixed_term', '2024-07-01', '2025-06-30')],
        [withOpenCase, reserve('K2')],
        [[...employed, signed('C1', 'open_ended', HIRE_DATE, null)], sign('C2', 'open_ended', '2030-01-01')],
        [employed, hire()],
      ];
      for (const [history, command] of refusals) {
        const state = history.reduce(employeeDecider.evolve, employeeDecider.initialState);
        let thrown: unknown;
        try {
          employeeDecider.decide(command, state);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        const { message, details } = thrown as DomainError;
        expectNoPersonalData({ message, details });
      }
    });
  });
});

/** Plans up to 90 days ahead (PLAN_HORIZON_DAYS): from 2024-06-15 the latest day is 2024-09-13. */
describe('dates of the archive against today', () => {
  const today = '2024-06-15';
  const given = (history: EmployeeEvent[]) => spec(employeeDecider).given(history);

  it('hires someone joining on the last day of the horizon, and refuses the day after', () => {
    given([])
      .when(hire({ hireDate: '2024-09-13', today }))
      .then([{ type: 'EmployeeHired' }, { type: 'PersonalDataRecorded' }]);
    given([])
      .when(hire({ hireDate: '2024-09-14', today }))
      .thenThrows('DATE_IN_FUTURE', { field: 'hireDate', date: '2024-09-14', today, latest: '2024-09-13' });
  });

  it('takes a contract starting on the last day of the horizon, and refuses the day after', () => {
    const at = (startDate: string): EmployeeCommand => ({
      type: 'SignContract',
      data: { contractId: 'C9', contractType: 'open_ended', startDate, today },
    });
    given(employed)
      .when(at('2024-09-13'))
      .then([{ type: 'ContractSigned' }]);
    given(employed).when(at('2024-09-14')).thenThrows('DATE_IN_FUTURE', { field: 'startDate' });
  });

  it('takes a position change on the last day of the horizon, and refuses the day after', () => {
    const at = (effectiveDate: string): EmployeeCommand => ({
      type: 'ChangePosition',
      data: { position: 'Senior Accountant', effectiveDate, today },
    });
    given(employed)
      .when(at('2024-09-13'))
      .then([{ type: 'PositionChanged' }]);
    given(employed).when(at('2024-09-14')).thenThrows('DATE_IN_FUTURE', { field: 'effectiveDate', latest: '2024-09-13' });
  });
});
