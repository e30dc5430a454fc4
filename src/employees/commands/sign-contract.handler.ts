import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { SignContractDto } from '../employee.dto';
import { employeeStream } from '../../domain/shared/streams';

/** Records a labour or appointment contract on the archive, effective from its start. */
export class SignContract implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly contract: SignContractDto,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'SignContract', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(SignContract)
export class SignContractHandler implements ICommandHandler<SignContract, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ employeeId, contract, context }: SignContract): Promise<CommandResult> {
    const { type, ...terms } = contract;
    const command = { type: 'SignContract' as const, data: { ...terms, contractType: type, today: businessDate(context.recordedAt) } };
    return handleCommand(this.events, employeeStream(employeeId), employeeDecider, command, {
      ...context,
      effectiveDate: contract.startDate,
    });
  }
}
