import { NotFoundException } from '@nestjs/common';
import { employeeDecider, EmployeeState } from '../../domain/employee/employee.decider';
import { InsuranceState } from '../../domain/social-insurance/insurance.decider';
import { loadState } from '../../event-sourcing/command-handler';
import { EventStore } from '../../infrastructure/event-store/event-store.port';
import { employeeStream } from '../../domain/shared/streams';

/** The employee an account belongs to, from the archive's own stream (never a read model); 404 for someone never hired. */
export async function hiredEmployee(events: EventStore, employeeId: string): Promise<Exclude<EmployeeState, { status: 'none' }>> {
  const state = await loadState(events, employeeStream(employeeId), employeeDecider);
  if (state.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No employee ${employeeId}` });
  return state;
}

/**
 * 404 for someone never hired, for a command on an account: a check on the account as the
 * command folds it (HandleOptions.checkBefore), so the account is not read twice. An opened
 * account proves the hire (enrolment checked it), so the archive is read only when there is
 * no account yet: its personal data is opened with the person's key on every read, which was
 * about a tenth of the request thread on every contribution (bench:api).
 */
export function accountHolderExists(events: EventStore, employeeId: string): (account: InsuranceState) => Promise<void> {
  return async (account) => {
    if (account.employeeId === null) await hiredEmployee(events, employeeId);
  };
}
