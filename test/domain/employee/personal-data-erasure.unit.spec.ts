import { EmployeeCommand } from '../../../src/domain/employee/employee.commands';
import { employeeDecider, retentionEnds } from '../../../src/domain/employee/employee.decider';
import { EmployeeEvent, PersonalDataRecorded } from '../../../src/domain/employee/employee.events';
import { spec } from '../given-when-then';

const employeeId = 'E1001';
const NAME = '张三';
const ID_NUMBER = '11010519491231002X';

const hired: EmployeeEvent = {
  type: 'EmployeeHired',
  data: {
    employeeId,
    orgUnit: 'Finance',
    category: 'enterprise_regular',
    region: 'shanghai',
    hireDate: '2020-01-06',
    monthlyWage: 12000,
    position: null,
  },
  effectiveDate: '2020-01-06',
};
const recorded: PersonalDataRecorded = {
  type: 'PersonalDataRecorded',
  data: { employeeId, name: NAME, idNumber: ID_NUMBER, contact: { phone: '13800000000' } },
};
const reserved: EmployeeEvent = {
  type: 'OffboardingCaseReserved',
  data: { employeeId, caseId: 'K1', reason: 'dismissal', lastWorkingDay: '2024-06-30' },
};
const separatedOn = (terminationDate: string): EmployeeEvent => ({
  type: 'EmployeeSeparated',
  data: { employeeId, caseId: 'K1', terminationDate, reason: 'dismissal' },
  effectiveDate: terminationDate,
});
const released: EmployeeEvent = { type: 'OffboardingCaseReleased', data: { employeeId, caseId: 'K1', outcome: 'completed' } };
const erased: EmployeeEvent = { type: 'PersonalDataErased', data: { employeeId } };

const erase = (today: string): EmployeeCommand => ({ type: 'ErasePersonalData', data: { today } });
const given = (history: EmployeeEvent[]) => spec(employeeDecider).given(history);
const employed = [hired, recorded];
const separatedOn20240630 = [...employed, reserved, separatedOn('2024-06-30'), released];

describe('erasing personal data (crypto-shredding)', () => {
  describe('the retention period (LCL art. 50; Civil Code arts. 201-202)', () => {
    it.each([
      ['2024-06-30', '2026-06-30'],
      ['2024-01-31', '2026-01-31'],
      ['2024-12-31', '2026-12-31'],
      // No 2026-02-29: the month's last day ends the period (art. 202).
      ['2024-02-29', '2026-02-28'],
    ])('after a termination on %s runs through %s', (terminationDate, last) => {
      expect(retentionEnds(terminationDate)).toBe(last);
    });
  });

  describe('when the employee is not hired', () => {
    it('refuses with NOT_FOUND', () => {
      given([]).when(erase('2030-01-01')).thenThrows('NOT_FOUND');
    });
  });

  describe('when the employee is still employed', () => {
    it('refuses with EMPLOYEE_EMPLOYED, saying what to do first', () => {
      const error = given(employed).when(erase('2030-01-01')).thenThrows('EMPLOYEE_EMPLOYED');
      expect(error.message).toContain('在职员工的个人信息不能删除');
      expect(error.message).toMatch(/offboard the employee first/);
    });

    it('refuses also while an offboarding case is open', () => {
      given([...employed, reserved])
        .when(erase('2030-01-01'))
        .thenThrows('EMPLOYEE_EMPLOYED');
    });
  });

  describe('when the employee separated on 2024-06-30', () => {
    it('refuses on the last day of the retention period, 2026-06-30, with RETENTION_PERIOD and the date', () => {
      const error = given(separatedOn20240630).when(erase('2026-06-30')).thenThrows('RETENTION_PERIOD', { retainUntil: '2026-06-30' });
      expect(error.message).toMatch(/2026-07-01/);
      expect(error.message).toMatch(/art\. 50/);
    });

    it('refuses the day after the termination', () => {
      given(separatedOn20240630).when(erase('2024-07-01')).thenThrows('RETENTION_PERIOD', { retainUntil: '2026-06-30' });
    });

    it('erases from the day after, 2026-07-01, with an event that holds no personal data', () => {
      const { events } = given(separatedOn20240630)
        .when(erase('2026-07-01'))
        .then([{ type: 'PersonalDataErased', data: { employeeId } }]);
      expect(JSON.stringify(events)).not.toMatch(new RegExp(`${NAME}|${ID_NUMBER}|13800000000`));
    });

    it('refuses a date that is not a real date', () => {
      given(separatedOn20240630).when(erase('2026-02-30')).thenThrows('INVALID_DATE', { field: 'today' });
    });
  });

  describe('when the employee separated on 2024-02-29 (no 2026-02-29)', () => {
    const history = [...employed, reserved, separatedOn('2024-02-29')];

    it('refuses on 2026-02-28', () => {
      given(history).when(erase('2026-02-28')).thenThrows('RETENTION_PERIOD', { retainUntil: '2026-02-28' });
    });

    it('erases from 2026-03-01', () => {
      given(history)
        .when(erase('2026-03-01'))
        .then([{ type: 'PersonalDataErased' }]);
    });
  });

  describe('when the personal data was erased', () => {
    const history = [...separatedOn20240630, erased];

    it('erasing again changes nothing (a repeated request finishes a failed key destruction)', () => {
      given(history).when(erase('2026-07-02')).then([]);
    });

    it('refuses to record personal data again with PERSONAL_DATA_ERASED', () => {
      given(history)
        .when({ type: 'UpdatePersonalData', data: { name: NAME, idNumber: ID_NUMBER } })
        .thenThrows('PERSONAL_DATA_ERASED');
    });

    it('holds no personal data in its state', () => {
      const state = history.reduce(employeeDecider.evolve, employeeDecider.initialState);
      expect(state).toMatchObject({ status: 'separated', personalData: null, personalDataErased: true });
    });

    it('folds the same when the store reads the sealed data as erased (a rebuild after the key is gone)', () => {
      const unreadable: PersonalDataRecorded = {
        type: 'PersonalDataRecorded',
        data: { employeeId, erased: true, name: null, idNumber: null, contact: null },
      };
      const live = history.reduce(employeeDecider.evolve, employeeDecider.initialState);
      const rebuilt = [hired, unreadable, reserved, separatedOn('2024-06-30'), released, erased].reduce(
        employeeDecider.evolve,
        employeeDecider.initialState,
      );
      expect(rebuilt).toEqual(live);
    });
  });

  it('refuses without naming any personal data', () => {
    const refusals = [
      given(employed).when(erase('2030-01-01')).thenThrows('EMPLOYEE_EMPLOYED'),
      given(separatedOn20240630).when(erase('2025-01-01')).thenThrows('RETENTION_PERIOD'),
      given([...separatedOn20240630, erased])
        .when({ type: 'UpdatePersonalData', data: { name: NAME } })
        .thenThrows('PERSONAL_DATA_ERASED'),
    ];
    for (const { message, details } of refusals)
      expect(JSON.stringify({ message, details })).not.toMatch(new RegExp(`${NAME}|${ID_NUMBER}|13800000000`));
  });

  describe('when the stored personal data was altered (reads as tampered)', () => {
    const tampered: PersonalDataRecorded = {
      type: 'PersonalDataRecorded',
      data: { employeeId, tampered: true, name: null, idNumber: null, contact: null },
    };

    it('has nothing readable on record, so a partial correction asks for the full set', () => {
      given([hired, tampered])
        .when({ type: 'UpdatePersonalData', data: { name: '张叁' } })
        .thenThrows('PERSONAL_DATA_INCOMPLETE');
      given([hired, tampered])
        .when({ type: 'UpdatePersonalData', data: { name: NAME, idNumber: ID_NUMBER } })
        .then([{ type: 'PersonalDataRecorded', data: { employeeId, name: NAME, idNumber: ID_NUMBER, contact: {} } }]);
    });
  });
});
