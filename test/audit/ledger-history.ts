import { join } from 'node:path';
import { recordRefusal } from '../../src/application/record-refusal';
import { employeeDecider } from '../../src/domain/employee/employee.decider';
import { offboardingDecider } from '../../src/domain/offboarding/offboarding.decider';
import { DEFAULT_POLICIES } from '../../src/domain/policy/default-policies';
import { insuranceDecider } from '../../src/domain/social-insurance/insurance.decider';
import { handleCommand } from '../../src/event-sourcing/command-handler';
import { CommandContext } from '../../src/event-sourcing/envelope';
import { EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteKeyStore } from '../../src/infrastructure/key-store/sqlite/sqlite-key-store';
import { SealingEventStore } from '../../src/personal-data/sealing-event-store';
import { employeeStream, insuranceStream, offboardingStream } from '../../src/domain/shared/streams';

let tick = Date.parse('2024-05-10T08:00:00.000Z');
const context = (): CommandContext => ({
  actor: { id: 'hr-spec-1', role: 'hr_specialist' },
  recordedAt: new Date((tick += 60_000)),
  correlationId: `c-${tick}`,
  source: 'api',
});

/**
 * One person's history written through the real command path (handleCommand):
 * archive (hire, personal data, reservation of a case), social-insurance account
 * (enrolment, five contributions, a correction), an offboarding case, and one
 * refused command in the month's audit stream.
 */
/** The business day the history's commands are sent on. */
const TODAY = '2024-06-01';

export async function recordHistory(store: EventStore, employeeId: string): Promise<{ caseId: string }> {
  const caseId = `C-${employeeId}`;
  const employee = employeeStream(employeeId);
  const insurance = insuranceStream(employeeId);
  const hire = {
    employeeId,
    name: '张三',
    idNumber: '11010519491231002X',
    orgUnit: 'Finance',
    category: 'enterprise_regular' as const,
    region: 'shanghai',
    hireDate: '2020-01-06',
    monthlyWage: 12000,
    today: TODAY,
  };
  await handleCommand(store, employee, employeeDecider, { type: 'HireEmployee', data: hire }, context());
  await handleCommand(
    store,
    insurance,
    insuranceDecider,
    {
      type: 'EnrollInSocialInsurance',
      data: {
        employeeId,
        startMonth: '2020-01',
        insuranceTypes: ['pension', 'medical'],
        contributionBase: 12000,
        hireDate: hire.hireDate,
        today: TODAY,
      },
    },
    context(),
  );
  for (const month of ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']) {
    await handleCommand(
      store,
      insurance,
      insuranceDecider,
      { type: 'RecordContribution', data: { month, base: 12000, correction: false, today: TODAY } },
      context(),
    );
  }
  await handleCommand(
    store,
    insurance,
    insuranceDecider,
    { type: 'RecordContribution', data: { month: '2024-03', base: 13000, correction: true, today: TODAY } },
    context(),
  );
  const reservation = { caseId, reason: 'resignation' as const, lastWorkingDay: '2024-06-30' };
  await handleCommand(store, employee, employeeDecider, { type: 'ReserveOffboarding', data: reservation }, context());
  const policy = DEFAULT_POLICIES.find((p) => p.region === 'shanghai' && p.category === 'enterprise_regular')!;
  await handleCommand(
    store,
    offboardingStream(caseId),
    offboardingDecider,
    { type: 'OpenCase', data: { ...reservation, employeeId, policy, openedAt: '2024-05-20', hireDate: hire.hireDate, today: TODAY } },
    context(),
  );
  await recordRefusal(store, context(), {
    command: 'PerformStep',
    code: 'STEP_LOCKED',
    message: 'Complete the social-insurance transfer-out first.',
    subjects: { caseId, employeeId },
    step: 'labor_termination',
    action: 'complete',
    missing: ['si_transfer_out'],
  });
  return { caseId };
}

/** The stores of a data directory as the service builds them: the log as stored, and the application's view that seals personal data. */
export function storesIn(dataDir: string): { raw: SqliteEventStore; keys: SqliteKeyStore; sealing: SealingEventStore } {
  const raw = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  const keys = new SqliteKeyStore(join(dataDir, 'keys.db'));
  return { raw, keys, sealing: new SealingEventStore(raw, keys) };
}
