import { employeeDecider } from '../../../src/domain/employee/employee.decider';
import { EmployeeEvent } from '../../../src/domain/employee/employee.events';
import { employeeEvents } from '../../../src/domain/employee/employee.schemas';
import { describeSeam } from '../seam-spec';

const hired: EmployeeEvent = {
  type: 'EmployeeHired',
  effectiveDate: '2020-01-06',
  data: {
    employeeId: 'E1',
    orgUnit: 'Finance',
    category: 'enterprise_regular',
    region: 'shanghai',
    hireDate: '2020-01-06',
    monthlyWage: 12000,
    position: null,
  },
};
const SAMPLES: EmployeeEvent[] = [
  hired,
  {
    type: 'EmployeeRehired',
    effectiveDate: '2025-01-02',
    data: {
      employeeId: 'E1',
      hireDate: '2025-01-02',
      orgUnit: 'Finance',
      category: 'enterprise_regular',
      region: 'shanghai',
      monthlyWage: 13000,
      position: null,
    },
  },
  { type: 'PersonalDataRecorded', data: { employeeId: 'E1', name: '张三', idNumber: '11010519491231002X', contact: {} } },
  { type: 'PersonalDataErased', data: { employeeId: 'E1' } },
  {
    type: 'ContractSigned',
    data: {
      employeeId: 'E1',
      contractId: 'C1',
      contractType: 'fixed_term',
      kind: 'labour',
      startDate: '2020-01-06',
      endDate: '2023-01-05',
    },
  },
  {
    type: 'PositionChanged',
    effectiveDate: '2022-03-01',
    data: { employeeId: 'E1', position: 'Lead', orgUnit: 'Audit', effectiveDate: '2022-03-01' },
  },
  {
    type: 'WageChanged',
    effectiveDate: '2023-01-01',
    data: { employeeId: 'E1', monthlyWage: 20000, effectiveDate: '2023-01-01', previousWage: 12000 },
  },
  {
    type: 'MonthlyPayRecorded',
    effectiveDate: '2024-03-01',
    data: { employeeId: 'E1', month: '2024-03', amount: 22000, previousAmount: 21500 },
  },
  {
    type: 'EmployeeSeparated',
    effectiveDate: '2024-06-30',
    data: { employeeId: 'E1', caseId: 'K1', terminationDate: '2024-06-30', reason: 'dismissal' },
  },
  { type: 'OffboardingCaseReserved', data: { employeeId: 'E1', caseId: 'K1', reason: 'dismissal', lastWorkingDay: '2024-06-30' } },
  { type: 'OffboardingCaseReleased', data: { employeeId: 'E1', caseId: 'K1', outcome: 'completed' } },
];

describeSeam('employee archive', employeeEvents, SAMPLES);

describe('MonthlyPayRecorded, version 1 (the replaced amount named `corrects`)', () => {
  const v1 = (corrects: number | null) => ({
    type: 'MonthlyPayRecorded',
    schemaVersion: 1,
    data: { employeeId: 'E1', month: '2024-03', amount: 22000, corrects, note: 'payroll rerun' },
  });

  it('is written at version 2 now', () => {
    expect(employeeDecider.events.versionOf('MonthlyPayRecorded')).toBe(2);
  });

  it('reads a correction with the amount it replaced as previousAmount', () => {
    expect(employeeEvents.read(v1(21500))).toEqual({
      type: 'MonthlyPayRecorded',
      data: { employeeId: 'E1', month: '2024-03', amount: 22000, previousAmount: 21500, note: 'payroll rerun' },
    });
  });

  it("reads a month's first record with no previous amount", () => {
    const { data } = employeeEvents.read(v1(null));
    expect(data).toMatchObject({ previousAmount: null });
    expect(data).not.toHaveProperty('corrects');
  });

  it('folds into the same monthly pay as a version 2 event', () => {
    const fold = (pay: ReturnType<typeof v1>) =>
      [employeeEvents.read({ type: hired.type, schemaVersion: 1, data: hired.data }), employeeEvents.read(pay)].reduce(
        employeeDecider.evolve,
        employeeDecider.initialState,
      );
    expect(fold(v1(21500))).toMatchObject({ monthlyPay: { '2024-03': 22000 } });
  });
});
