import { IncompleteRecordDocument } from '../../src/reports/incomplete-records';
import { INCOMPLETE_RECORDS, incompleteRecords } from '../../src/reports/incomplete-records.projection';
import { incompleteRecordsQuery } from '../../src/reports/incomplete-records.queries';
import { caseEvents, hiredIn, openFor } from '../dashboard/case-fixtures';
import { perform } from '../domain/offboarding/fixtures';
import { event, projectionSpec } from '../support/projection-harness';

const contract = (employeeId: string) =>
  event(`employee-${employeeId}`, 'ContractSigned', {
    employeeId,
    contractId: 'C1',
    contractType: 'open_ended',
    kind: 'labour',
    startDate: '2024-01-10',
    endDate: null,
  });
const enrolled = (employeeId: string, startMonth: string, hireDate = '2024-01-10') =>
  event(`insurance-${employeeId}`, 'SocialInsuranceEnrolled', {
    employeeId,
    startMonth,
    insuranceTypes: ['pension'],
    contributionBase: 12000,
    hireDate,
  });

projectionSpec('incomplete records', incompleteRecords, ({ given, collection, store, physical }) => {
  const docs = () => collection<IncompleteRecordDocument>(INCOMPLETE_RECORDS);
  const incomplete = async (today: string, filter = {}) =>
    (
      await store().find<IncompleteRecordDocument>(
        physical(INCOMPLETE_RECORDS),
        incompleteRecordsQuery(today, filter, { skip: 0, limit: 50 }),
      )
    ).map((d) => d.employeeId);

  it('keeps the facts of the archive and the account, and the problems they show', async () => {
    await given([
      hiredIn('E1', 'Finance', 'shanghai', 'enterprise_regular', '2024-01-10'),
      hiredIn('E2', 'Finance', 'shanghai', 'enterprise_regular', '2024-01-10'),
      contract('E2'),
      enrolled('E2', '2024-03'),
      // A re-enrolment after a transfer-out does not change when the first enrolment started.
      enrolled('E2', '2025-01'),
      event('employee-E2', 'PositionChanged', { employeeId: 'E2', position: 'Lead', orgUnit: 'Sales', effectiveDate: '2024-05-01' }),
    ]);
    expect(await docs()).toEqual([
      {
        id: 'E1',
        employeeId: 'E1',
        status: 'employed',
        orgUnit: 'Finance',
        region: 'shanghai',
        category: 'enterprise_regular',
        hireDate: '2024-01-10',
        contracts: 0,
        enrolmentStartMonth: null,
        openCaseId: null,
        deadlines: [],
        problems: ['no_contract', 'no_enrolment'],
        incompleteFrom: '2024-01-10',
      },
      expect.objectContaining({
        id: 'E2',
        orgUnit: 'Sales',
        contracts: 1,
        enrolmentStartMonth: '2024-03',
        problems: ['late_enrolment'],
        incompleteFrom: '2024-01-10',
      }),
    ]);
  });

  it('follows the open case: its due dates while open, nothing once it closes', async () => {
    const open = openFor('K1', 'E1', { openedAt: '2024-07-15', lastWorkingDay: '2024-07-20', reason: 'resignation' });
    await given([
      hiredIn('E1', 'Finance'),
      contract('E1'),
      enrolled('E1', '2020-01', '2020-01-06'),
      ...caseEvents('K1', [open, { ...perform('approval'), data: { ...perform('approval').data, effectiveDate: '2024-07-16' } }]),
    ]);
    expect((await docs())[0]).toMatchObject({
      problems: [],
      openCaseId: 'K1',
      deadlines: [
        { key: 'handover', dueDate: '2024-07-20' },
        { key: 'si_transfer_out', dueDate: '2024-08-04' },
        { key: 'housing_fund_transfer', dueDate: '2024-08-19' },
        { key: 'termination_certificate', dueDate: '2024-07-20' },
        { key: 'labor_termination', dueDate: '2024-08-04' },
        { key: 'archive_transfer', dueDate: '2024-08-04' },
      ],
      incompleteFrom: '2024-07-21',
    });
    await given([event('offboarding-K1', 'OffboardingCaseCancelled', { note: 'withdrawn', by: { id: 'u', role: 'hr_specialist' } })]);
    expect((await docs())[0]).toMatchObject({ openCaseId: null, deadlines: [], incompleteFrom: null });
  });

  it('finds the records incomplete on a day, longest incomplete first, by org unit, region and category', async () => {
    const open = (caseId: string, employeeId: string, lastWorkingDay: string) =>
      caseEvents(caseId, [openFor(caseId, employeeId, { openedAt: '2024-07-01', lastWorkingDay })]);
    await given([
      hiredIn('R1', 'Finance', 'shanghai', 'enterprise_regular', '2024-01-10'),
      contract('R1'),
      enrolled('R1', '2024-02'),
      hiredIn('R2', 'Finance', 'shanghai', 'enterprise_regular', '2024-01-10'),
      enrolled('R2', '2024-01'),
      hiredIn('R5', 'Sales', 'beijing', 'enterprise_contract', '2022-05-01'),
      hiredIn('R6', 'Finance', 'shanghai', 'enterprise_regular', '2020-01-06'),
      contract('R6'),
      enrolled('R6', '2020-01', '2020-01-06'),
      ...open('K6', 'R6', '2024-07-20'),
      hiredIn('R7', 'Finance', 'shanghai', 'enterprise_regular', '2020-01-06'),
      contract('R7'),
      enrolled('R7', '2020-01', '2020-01-06'),
      ...open('K7', 'R7', '2024-09-30'),
    ]);
    expect(await incomplete('2024-08-01')).toEqual(['R5', 'R2', 'R6']);
    expect(await incomplete('2024-07-21')).toEqual(['R5', 'R2', 'R6']);
    expect(await incomplete('2024-07-20')).toEqual(['R5', 'R2']);
    expect(await incomplete('2024-10-01')).toEqual(['R5', 'R2', 'R6', 'R7']);
    expect(await incomplete('2024-08-01', { region: 'beijing' })).toEqual(['R5']);
    expect(await incomplete('2024-08-01', { category: 'enterprise_regular' })).toEqual(['R2', 'R6']);
    expect(await incomplete('2024-08-01', { region: 'shanghai', category: 'enterprise_regular' })).toEqual(['R2', 'R6']);
    expect(await incomplete('2024-08-01', { orgUnit: 'Finance' })).toEqual(['R2', 'R6']);
    expect(await store().count(physical(INCOMPLETE_RECORDS), incompleteRecordsQuery('2024-10-01', {}, { skip: 0, limit: 1 }).filter)).toBe(
      4,
    );
  });
});
