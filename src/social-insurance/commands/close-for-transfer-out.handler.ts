import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { IsoMonth } from '../../domain/shared/calendar';
import { insuranceDecider } from '../../domain/social-insurance/insurance.decider';
import { insuranceStream } from '../../domain/shared/streams';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { REACTOR_ATTEMPTS } from '../../application/reactor-attempts';

/**
 * Closes the account at the last month the bureau says was paid, after a case's
 * transfer-out completed (sent by the offboarding process manager).
 */
export class CloseInsuranceForTransferOut implements AuditedCommand {
  constructor(
    readonly employeeId: string,
    readonly caseId: string,
    readonly lastPaidMonth: IsoMonth,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'CloseForTransferOut', subjects: { caseId: this.caseId, employeeId: this.employeeId } };
  }
}

@CommandHandler(CloseInsuranceForTransferOut)
export class CloseInsuranceForTransferOutHandler implements ICommandHandler<CloseInsuranceForTransferOut, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ employeeId, caseId, lastPaidMonth, context }: CloseInsuranceForTransferOut): Promise<CommandResult> {
    const command = { type: 'CloseForTransferOut' as const, data: { caseId, lastPaidMonth } };
    return handleCommand(this.events, insuranceStream(employeeId), insuranceDecider, command, context, { maxAttempts: REACTOR_ATTEMPTS });
  }
}
