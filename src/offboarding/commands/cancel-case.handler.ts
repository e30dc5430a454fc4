import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { offboardingDecider } from '../../domain/offboarding/offboarding.decider';
import { Role } from '../../domain/shared/vocabulary';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { offboardingStream } from '../../domain/shared/streams';

/** Cancels a case; refused (CASE_CLOSED) once labour termination is registered. */
export class CancelOffboardingCase implements AuditedCommand {
  constructor(
    readonly caseId: string,
    readonly note: string,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'CancelCase', subjects: { caseId: this.caseId } };
  }
}

@CommandHandler(CancelOffboardingCase)
export class CancelOffboardingCaseHandler implements ICommandHandler<CancelOffboardingCase, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ caseId, note, context }: CancelOffboardingCase): Promise<CommandResult> {
    const command = { type: 'CancelCase' as const, data: { note, actor: { id: context.actor.id, role: context.actor.role as Role } } };
    return handleCommand(this.events, offboardingStream(caseId), offboardingDecider, command, {
      ...context,
      effectiveDate: businessDate(context.recordedAt),
    });
  }
}
