import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { ChangeWageDto } from '../wages.dto';
import { employeeStream } from '../../domain/shared/streams';

/** A change of the contractual monthly wage (调薪) from a date on, on the employee archive. */
export class ChangeWage implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly change: ChangeWageDto,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'ChangeWage', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(ChangeWage)
export class ChangeWageHandler implements ICommandHandler<ChangeWage, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ employeeId, change, context }: ChangeWage): Promise<CommandResult> {
    const command = { type: 'ChangeWage' as const, data: { ...change, today: businessDate(context.recordedAt) } };
    return handleCommand(this.events, employeeStream(employeeId), employeeDecider, command, {
      ...context,
      effectiveDate: change.effectiveDate,
    });
  }
}
