import { Inject, Injectable } from '@nestjs/common';
import { EmployeeCommand } from '../domain/employee/employee.commands';
import { employeeDecider, employeeStream } from '../domain/employee/employee.decider';
import { firstDayOf } from '../domain/shared/calendar';
import { CommandResult, handleCommand } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { ChangeWageDto, RecordMonthlyPayDto } from './wages.dto';

/** Wage changes and payroll's monthly records, on the employee archive. */
@Injectable()
export class WagesService {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  changeWage(employeeId: string, dto: ChangeWageDto, context: CommandContext): Promise<CommandResult> {
    return this.execute(employeeId, { type: 'ChangeWage', data: dto }, { ...context, effectiveDate: dto.effectiveDate });
  }

  recordMonthlyPay(employeeId: string, dto: RecordMonthlyPayDto, context: CommandContext): Promise<CommandResult> {
    return this.execute(employeeId, { type: 'RecordMonthlyPay', data: dto }, { ...context, effectiveDate: firstDayOf(dto.month) });
  }

  private execute(employeeId: string, command: EmployeeCommand, context: CommandContext): Promise<CommandResult> {
    return handleCommand(this.events, employeeStream(employeeId), employeeDecider, command, context);
  }
}
