import { Inject, Injectable } from '@nestjs/common';
import { EmployeeCommand } from '../domain/employee/employee.commands';
import { employeeDecider, employeeStream } from '../domain/employee/employee.decider';
import { refusalsRecorded } from '../audit/refusals';
import { firstDayOf } from '../domain/shared/calendar';
import { businessDate } from '../infrastructure/business-day';
import { CommandResult, handleCommand } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { ChangeWageDto, RecordMonthlyPayDto } from './wages.dto';

/** Wage changes and payroll's monthly records, on the employee archive. */
@Injectable()
export class WagesService {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  changeWage(employeeId: string, dto: ChangeWageDto, context: CommandContext): Promise<CommandResult> {
    return this.execute(employeeId, { type: 'ChangeWage', data: { ...dto, today: businessDate(context.recordedAt) } }, { ...context, effectiveDate: dto.effectiveDate });
  }

  recordMonthlyPay(employeeId: string, dto: RecordMonthlyPayDto, context: CommandContext): Promise<CommandResult> {
    return this.execute(employeeId, { type: 'RecordMonthlyPay', data: { ...dto, today: businessDate(context.recordedAt) } }, { ...context, effectiveDate: firstDayOf(dto.month) });
  }

  /** Refusals (a raise dated before the hire, pay for a month to come) go to the audit stream like every other command's. */
  private execute(employeeId: string, command: EmployeeCommand, context: CommandContext): Promise<CommandResult> {
    return refusalsRecorded(this.events, context, { command: command.type, subjects: { employeeId } }, () =>
      handleCommand(this.events, employeeStream(employeeId), employeeDecider, command, context),
    );
  }
}
