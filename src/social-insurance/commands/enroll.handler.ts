import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { firstDayOf } from '../../domain/shared/calendar';
import { insuranceDecider } from '../../domain/social-insurance/insurance.decider';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { EnrollDto } from '../insurance.dto';
import { hiredEmployee } from './hired-employee';
import { insuranceStream } from '../../domain/shared/streams';

/** Enrols the employee in social insurance (参保) from a month on; the hire date comes from the archive. */
export class EnrollInSocialInsurance implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly enrolment: EnrollDto,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'EnrollInSocialInsurance', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(EnrollInSocialInsurance)
export class EnrollInSocialInsuranceHandler implements ICommandHandler<EnrollInSocialInsurance, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ employeeId, enrolment, context }: EnrollInSocialInsurance): Promise<CommandResult> {
    const employee = await hiredEmployee(this.events, employeeId);
    const command = {
      type: 'EnrollInSocialInsurance' as const,
      data: { employeeId, ...enrolment, hireDate: employee.hireDate, today: businessDate(context.recordedAt) },
    };
    return handleCommand(this.events, insuranceStream(employeeId), insuranceDecider, command, {
      ...context,
      effectiveDate: firstDayOf(enrolment.startMonth),
    });
  }
}
