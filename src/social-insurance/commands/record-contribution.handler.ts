import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { firstDayOf } from '../../domain/shared/calendar';
import { insuranceDecider } from '../../domain/social-insurance/insurance.decider';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { ContributionDto } from '../insurance.dto';
import { accountHolderExists } from './hired-employee';
import { insuranceStream } from '../../domain/shared/streams';

/** Records a monthly contribution, or a correction of one. */
export class RecordContribution implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly contribution: ContributionDto,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'RecordContribution', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(RecordContribution)
export class RecordContributionHandler implements ICommandHandler<RecordContribution, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ employeeId, contribution, context }: RecordContribution): Promise<CommandResult> {
    const command = {
      type: 'RecordContribution' as const,
      data: { ...contribution, correction: contribution.correction ?? false, today: businessDate(context.recordedAt) },
    };
    // The business date of a contribution is the month it pays for, whenever it is recorded (a March payment recorded in May).
    return handleCommand(
      this.events,
      insuranceStream(employeeId),
      insuranceDecider,
      command,
      {
        ...context,
        effectiveDate: firstDayOf(contribution.month),
      },
      { checkBefore: accountHolderExists(this.events, employeeId) },
    );
  }
}
