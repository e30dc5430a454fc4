import { OffboardingCommand } from '../../src/domain/offboarding/offboarding.commands';
import { OffboardingCase, offboardingDecider } from '../../src/domain/offboarding/offboarding.decider';
import { EmployeeCategory } from '../../src/domain/shared/vocabulary';
import { defaultPolicy, openCase, play } from '../domain/offboarding/fixtures';
import { event, EventInput } from '../support/projection-harness';

/** The case after the commands (a refusal fails the test). */
export function caseAfter(commands: OffboardingCommand[]): OffboardingCase {
  const state = play([], commands).reduce(offboardingDecider.evolve, offboardingDecider.initialState);
  if (state.status === 'none') throw new Error('no case');
  return state;
}

/** OpenCase for another case and employee, opened on `openedAt`. */
export function openFor(
  caseId: string,
  employeeId: string,
  options: {
    openedAt: string;
    lastWorkingDay?: string;
    reason?: 'dismissal' | 'resignation';
    region?: string;
    category?: EmployeeCategory;
  },
): OffboardingCommand {
  const base = openCase({
    caseId,
    reason: options.reason,
    lastWorkingDay: options.lastWorkingDay,
    policy: defaultPolicy(options.region ?? 'shanghai', options.category ?? 'enterprise_regular'),
  });
  return {
    type: 'OpenCase',
    data: { ...(base.data as Extract<OffboardingCommand, { type: 'OpenCase' }>['data']), employeeId, openedAt: options.openedAt },
  };
}

/** The events the commands produce, as the application appends them to the case's stream (business date in the metadata). */
export function caseEvents(caseId: string, commands: OffboardingCommand[]): EventInput[] {
  return play([], commands).map((e) => {
    const effectiveDate = (e as { effectiveDate?: string }).effectiveDate;
    return event(`offboarding-${caseId}`, e.type, e.data, effectiveDate ? { effectiveDate } : {});
  });
}

export const hiredIn = (
  employeeId: string,
  orgUnit: string,
  region = 'shanghai',
  category: EmployeeCategory = 'enterprise_regular',
  hireDate = '2020-01-06',
) =>
  event(
    `employee-${employeeId}`,
    'EmployeeHired',
    { employeeId, orgUnit, category, region, hireDate, monthlyWage: 12000, position: null },
    { effectiveDate: hireDate },
  );
