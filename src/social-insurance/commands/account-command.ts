import { IsoMonth, firstDayOf } from '../../domain/shared/calendar';
import { insuranceStream } from '../../domain/shared/streams';
import { InsuranceCommand } from '../../domain/social-insurance/insurance.commands';
import { insuranceDecider, InsuranceState } from '../../domain/social-insurance/insurance.decider';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { EventStore } from '../../infrastructure/event-store/event-store.port';
import { hiredEmployee } from './hired-employee';

/**
 * A command on the account of someone hired (a contribution, a base adjustment): 404 for someone
 * never hired. Its business date is the first day of the month it is for, whenever it is recorded
 * (a March payment recorded in May).
 */
export function handleAccountCommand(
  events: EventStore,
  employeeId: string,
  command: InsuranceCommand,
  forMonth: IsoMonth,
  context: CommandContext,
): Promise<CommandResult> {
  return handleCommand(
    events,
    insuranceStream(employeeId),
    insuranceDecider,
    command,
    { ...context, effectiveDate: firstDayOf(forMonth) },
    { checkBefore: accountHolderExists(events, employeeId) },
  );
}

/**
 * 404 for someone never hired, for a command on an account: a check on the account as the
 * command folds it (HandleOptions.checkBefore), so the account is not read twice. An opened
 * account proves the hire (enrolment checked it), so the archive is read only when there is
 * no account yet: its personal data is opened with the person's key on every read, which was
 * about a tenth of the request thread on every contribution (bench:api).
 */
function accountHolderExists(events: EventStore, employeeId: string): (account: InsuranceState) => Promise<void> {
  return async (account) => {
    if (account.employeeId === null) await hiredEmployee(events, employeeId);
  };
}
