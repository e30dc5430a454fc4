import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { CommandResult } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { ContributionDto } from '../insurance.dto';
import { handleAccountCommand } from './account-command';

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
    return handleAccountCommand(this.events, employeeId, command, contribution.month, context);
  }
}
