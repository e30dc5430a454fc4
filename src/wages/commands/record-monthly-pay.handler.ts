import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { employeeDecider } from '../../domain/employee/employee.decider';
import { firstDayOf } from '../../domain/shared/calendar';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { RecordMonthlyPayDto } from '../wages.dto';
import { employeeStream } from '../../domain/shared/streams';

/** What payroll owed for a month (应得工资); a second record for the month corrects the first. */
export class RecordMonthlyPay implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly pay: RecordMonthlyPayDto,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'RecordMonthlyPay', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(RecordMonthlyPay)
export class RecordMonthlyPayHandler implements ICommandHandler<RecordMonthlyPay, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ employeeId, pay, context }: RecordMonthlyPay): Promise<CommandResult> {
    const command = { type: 'RecordMonthlyPay' as const, data: { ...pay, today: businessDate(context.recordedAt) } };
    return handleCommand(this.events, employeeStream(employeeId), employeeDecider, command, {
      ...context,
      effectiveDate: firstDayOf(pay.month),
    });
  }
}
