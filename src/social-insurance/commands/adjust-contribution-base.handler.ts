import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { CommandResult } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { BaseAdjustmentDto } from '../insurance.dto';
import { handleAccountCommand } from './account-command';

/** Adjusts the contribution base from a month on. */
export class AdjustContributionBase implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly adjustment: BaseAdjustmentDto,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'AdjustContributionBase', subjects: { employeeId: this.employeeId } };
  }
}

@CommandHandler(AdjustContributionBase)
export class AdjustContributionBaseHandler implements ICommandHandler<AdjustContributionBase, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ employeeId, adjustment, context }: AdjustContributionBase): Promise<CommandResult> {
    const command = { type: 'AdjustContributionBase' as const, data: { ...adjustment, today: businessDate(context.recordedAt) } };
    return handleAccountCommand(this.events, employeeId, command, adjustment.fromMonth, context);
  }
}
