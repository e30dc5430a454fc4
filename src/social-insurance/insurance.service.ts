import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { employeeDecider, employeeStream, EmployeeState } from '../domain/employee/employee.decider';
import { firstDayOf } from '../domain/shared/calendar';
import { InsuranceCommand } from '../domain/social-insurance/insurance.commands';
import { insuranceDecider, insuranceStream } from '../domain/social-insurance/insurance.decider';
import { CommandResult, handleCommand, loadState } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { refusalsRecorded } from '../audit/refusals';
import { businessDate } from '../infrastructure/business-day';
import { BaseAdjustmentDto, ContributionDto, EnrollDto } from './insurance.dto';

const today = (context: CommandContext) => businessDate(context.recordedAt);

/**
 * Commands on social-insurance accounts (社保账户); the hire date comes from the
 * employee's own stream, today from the request's time. Every refused command is
 * also written to the refusal log.
 */
@Injectable()
export class InsuranceService {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async enroll(employeeId: string, dto: EnrollDto, context: CommandContext): Promise<CommandResult> {
    const employee = await this.employee(employeeId);
    return this.execute(
      employeeId,
      { type: 'EnrollInSocialInsurance', data: { employeeId, ...dto, hireDate: employee.hireDate, today: today(context) } },
      { ...context, effectiveDate: firstDayOf(dto.startMonth) },
    );
  }

  async recordContribution(employeeId: string, dto: ContributionDto, context: CommandContext): Promise<CommandResult> {
    await this.employee(employeeId);
    // The business date of a contribution is the month it pays for, whenever it is recorded (a March payment recorded in May).
    return this.execute(employeeId, { type: 'RecordContribution', data: { ...dto, correction: dto.correction ?? false, today: today(context) } }, { ...context, effectiveDate: firstDayOf(dto.month) });
  }

  async adjustBase(employeeId: string, dto: BaseAdjustmentDto, context: CommandContext): Promise<CommandResult> {
    await this.employee(employeeId);
    return this.execute(employeeId, { type: 'AdjustContributionBase', data: { ...dto, today: today(context) } }, { ...context, effectiveDate: firstDayOf(dto.fromMonth) });
  }

  private async employee(employeeId: string): Promise<Exclude<EmployeeState, { status: 'none' }>> {
    const state = await loadState(this.events, employeeStream(employeeId), employeeDecider);
    if (state.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No employee ${employeeId}` });
    return state;
  }

  private execute(employeeId: string, command: InsuranceCommand, context: CommandContext): Promise<CommandResult> {
    return refusalsRecorded(this.events, context, { command: command.type, subjects: { employeeId } }, () =>
      handleCommand(this.events, insuranceStream(employeeId), insuranceDecider, command, context),
    );
  }
}
