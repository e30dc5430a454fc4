import { EmployeeCommand } from '../../../src/domain/employee/employee.commands';
import { employeeDecider } from '../../../src/domain/employee/employee.decider';
import {
  EmployeeEvent,
  EmployeeHired,
  EmployeeSeparated,
  MonthlyPayRecorded,
  WageChanged,
} from '../../../src/domain/employee/employee.events';
import { spec } from '../given-when-then';

const employeeId = 'E1001';
const HIRE_DATE = '2022-01-10';

const hired: EmployeeHired = {
  type: 'EmployeeHired',
  data: {
    employeeId,
    orgUnit: 'Finance',
    category: 'enterprise_regular',
    region: 'shanghai',
    hireDate: HIRE_DATE,
    monthlyWage: 5000,
    position: null,
  },
  effectiveDate: HIRE_DATE,
};
const separated: EmployeeSeparated = {
  type: 'EmployeeSeparated',
  data: { employeeId, caseId: 'K1', terminationDate: '2024-09-15', reason: 'dismissal' },
  effectiveDate: '2024-09-15',
};
const wageChanged = (monthlyWage: number, effectiveDate: string, previousWage?: number): WageChanged => ({
  type: 'WageChanged',
  data: { employeeId, monthlyWage, effectiveDate, ...(previousWage === undefined ? {} : { previousWage }) },
  effectiveDate,
});
const payRecorded = (month: string, amount: number, previousAmount: number | null = null): MonthlyPayRecorded => ({
  type: 'MonthlyPayRecorded',
  data: { employeeId, month, amount, previousAmount },
  effectiveDate: `${month}-01`,
});

/** The business day the commands are sent on. */
const TODAY = '2024-12-03';
const changeWage = (monthlyWage: number, effectiveDate: string, note?: string, today = TODAY): EmployeeCommand => ({
  type: 'ChangeWage',
  data: { monthlyWage, effectiveDate, ...(note ? { note } : {}), today },
});
const recordPay = (month: string, amount: number, today = TODAY): EmployeeCommand => ({
  type: 'RecordMonthlyPay',
  data: { month, amount, today },
});

const given = (history: EmployeeEvent[]) => spec(employeeDecider).given(history);
const fold = (history: EmployeeEvent[]) => history.reduce(employeeDecider.evolve, employeeDecider.initialState);

describe('wage history (调薪) on the employee archive', () => {
  describe('when employed', () => {
    it('records a change with the wage it replaces and the note, dated on its effective date', () => {
      given([hired])
        .when(changeWage(20000, '2024-04-01', 'promotion'))
        .then([
          {
            type: 'WageChanged',
            data: { employeeId, monthlyWage: 20000, effectiveDate: '2024-04-01', previousWage: 5000, note: 'promotion' },
            effectiveDate: '2024-04-01',
          },
        ]);
    });

    it('takes the previous wage in force on the effective date, not the latest: a change dated between two others', () => {
      given([hired, wageChanged(20000, '2024-04-01', 5000)])
        .when(changeWage(8000, '2023-01-01'))
        .then([{ type: 'WageChanged', data: { employeeId, monthlyWage: 8000, effectiveDate: '2023-01-01', previousWage: 5000 } }]);
    });

    it('accepts a change on the hire date (it corrects the hire wage)', () => {
      given([hired])
        .when(changeWage(5500, HIRE_DATE))
        .then([{ type: 'WageChanged', data: { employeeId, monthlyWage: 5500, effectiveDate: HIRE_DATE, previousWage: 5000 } }]);
    });

    it('writes nothing for the same wage on the same date again (a retry)', () => {
      given([hired, wageChanged(20000, '2024-04-01', 5000)])
        .when(changeWage(20000, '2024-04-01'))
        .then([]);
    });

    it('refuses a date before the hire date', () => {
      given([hired]).when(changeWage(20000, '2022-01-09')).thenThrows('INVALID_DATE', { field: 'effectiveDate', hireDate: HIRE_DATE });
    });

    it('refuses a date that is not a real date', () => {
      given([hired]).when(changeWage(20000, '2024-02-30')).thenThrows('INVALID_DATE', { field: 'effectiveDate' });
    });

    it.each([0, -1, 1000.005, Number.NaN, Number.POSITIVE_INFINITY])(
      'refuses a wage of %p: a finite yuan amount above 0 with at most two decimals',
      (wage) => {
        const error = given([hired]).when(changeWage(wage, '2024-04-01')).thenThrows('INVALID_WAGE', { field: 'monthlyWage' });
        expect(error.message).toMatch(/月工资|monthlyWage/);
        expect(error.message).toMatch(/[\u4e00-\u9fff]/);
      },
    );

    it('accepts two decimals', () => {
      given([hired])
        .when(changeWage(12345.67, '2024-04-01'))
        .then([{ type: 'WageChanged', data: expect.objectContaining({ monthlyWage: 12345.67 }) }]);
    });
  });

  describe('when separated', () => {
    it('refuses a wage change, naming the termination date in both languages', () => {
      const error = given([hired, separated])
        .when(changeWage(20000, '2024-04-01'))
        .thenThrows('EMPLOYEE_SEPARATED', { terminationDate: '2024-09-15' });
      expect(error.message).toContain('不能再调整工资');
      expect(error.message).toContain('the wage can no longer be changed');
    });
  });

  describe('without an archive', () => {
    it('refuses with NOT_FOUND', () => {
      given([]).when(changeWage(20000, '2024-04-01')).thenThrows('NOT_FOUND');
      given([]).when(recordPay('2024-04', 20000)).thenThrows('NOT_FOUND');
    });
  });

  describe('state', () => {
    it('keeps the history sorted by effective date, the hire wage first; monthlyWage is the latest entry', () => {
      const state = fold([hired, wageChanged(20000, '2024-04-01', 5000), wageChanged(8000, '2023-01-01', 5000)]);
      expect(state).toMatchObject({
        monthlyWage: 20000,
        wages: [
          { effectiveDate: HIRE_DATE, monthlyWage: 5000 },
          { effectiveDate: '2023-01-01', monthlyWage: 8000 },
          { effectiveDate: '2024-04-01', monthlyWage: 20000 },
        ],
      });
    });

    it('lets a second change on the same date replace the first', () => {
      const state = fold([hired, wageChanged(20000, '2024-04-01', 5000), wageChanged(19000, '2024-04-01', 20000)]);
      expect(state).toMatchObject({
        monthlyWage: 19000,
        wages: [
          { effectiveDate: HIRE_DATE, monthlyWage: 5000 },
          { effectiveDate: '2024-04-01', monthlyWage: 19000 },
        ],
      });
    });
  });
});

describe("payroll's monthly records (应得工资) on the employee archive", () => {
  describe('when employed', () => {
    it("records the month's amount, dated on the month's first day", () => {
      given([hired])
        .when(recordPay('2024-03', 21500.5))
        .then([
          {
            type: 'MonthlyPayRecorded',
            data: { employeeId, month: '2024-03', amount: 21500.5, previousAmount: null },
            effectiveDate: '2024-03-01',
          },
        ]);
    });

    it('records a second amount for the month as a correction of the first; the latest wins', () => {
      const { state } = given([hired, payRecorded('2024-03', 7000)])
        .when(recordPay('2024-03', 8000))
        .then([{ type: 'MonthlyPayRecorded', data: { employeeId, month: '2024-03', amount: 8000, previousAmount: 7000 } }]);
      expect(state).toMatchObject({ monthlyPay: { '2024-03': 8000 } });
    });

    it('writes nothing for the same amount again', () => {
      given([hired, payRecorded('2024-03', 7000)])
        .when(recordPay('2024-03', 7000))
        .then([]);
    });

    it('accepts the hire month (a part month) and refuses a month before it', () => {
      given([hired])
        .when(recordPay('2022-01', 3000))
        .then([{ type: 'MonthlyPayRecorded' }]);
      given([hired]).when(recordPay('2021-12', 3000)).thenThrows('INVALID_MONTH', { field: 'month' });
    });

    it('refuses a malformed month and an amount of 0 or with three decimals', () => {
      given([hired]).when(recordPay('2024-13', 3000)).thenThrows('INVALID_MONTH', { field: 'month' });
      given([hired]).when(recordPay('2024-03', 0)).thenThrows('INVALID_WAGE', { field: 'amount' });
      given([hired]).when(recordPay('2024-03', 1.001)).thenThrows('INVALID_WAGE', { field: 'amount' });
    });
  });

  describe('when separated', () => {
    it('still accepts the termination month (payroll runs after 退工) and refuses a later month', () => {
      given([hired, separated])
        .when(recordPay('2024-09', 10000))
        .then([{ type: 'MonthlyPayRecorded', data: expect.objectContaining({ month: '2024-09' }) }]);
      given([hired, separated]).when(recordPay('2024-10', 10000)).thenThrows('EMPLOYEE_SEPARATED', { terminationDate: '2024-09-15' });
    });
  });
});

describe('wage history across a rehire', () => {
  it('starts a new entry at the rehire with the wage agreed then, keeping the earlier ones', () => {
    const rehired: EmployeeEvent = {
      type: 'EmployeeRehired',
      data: {
        employeeId,
        orgUnit: 'Finance',
        category: 'enterprise_regular',
        region: 'shanghai',
        hireDate: '2025-03-01',
        monthlyWage: 9000,
        position: null,
      },
      effectiveDate: '2025-03-01',
    } as EmployeeEvent;
    const state = fold([hired, wageChanged(7000, '2023-01-01', 5000), separated, rehired]);
    if (state.status !== 'employed') throw new Error(`expected employed, got ${state.status}`);
    expect(state.monthlyWage).toBe(9000);
    expect(state.wages).toEqual([
      { effectiveDate: HIRE_DATE, monthlyWage: 5000 },
      { effectiveDate: '2023-01-01', monthlyWage: 7000 },
      { effectiveDate: '2025-03-01', monthlyWage: 9000 },
    ]);
  });
});

describe('wage dates against today (the business day of the request)', () => {
  it('takes a raise agreed up to 90 days ahead, and refuses one a day further', () => {
    given([hired])
      .when(changeWage(8000, '2025-03-03'))
      .then([{ type: 'WageChanged' }]);
    given([hired])
      .when(changeWage(8000, '2025-03-04'))
      .thenThrows('DATE_IN_FUTURE', { field: 'effectiveDate', date: '2025-03-04', latest: '2025-03-03' });
  });

  it('takes pay for the current month, and refuses the next month', () => {
    given([hired])
      .when(recordPay('2024-12', 5000))
      .then([{ type: 'MonthlyPayRecorded' }]);
    given([hired]).when(recordPay('2025-01', 5000)).thenThrows('DATE_IN_FUTURE', { field: 'month', date: '2025-01' });
  });
});
