import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { ChangePositionDto } from '../employee.dto';
import { employeeStream } from '../../domain/shared/streams';

/** Records a change of position or org unit, effective on its date. */
export class ChangePosition implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly change: ChangePositionDto,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'ChangePosition', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(ChangePosition)
export class ChangePositionHandler implements ICommandHandler<ChangePosition, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ employeeId, change, context }: ChangePosition): Promise<CommandResult> {
    const command = { type: 'ChangePosition' as const, data: { ...change, today: businessDate(context.recordedAt) } };
    return handleCommand(this.events, employeeStream(employeeId), employeeDecider, command, {
      ...context,
      effectiveDate: change.effectiveDate,
    });
  }
}
