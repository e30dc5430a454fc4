import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { RecordNotification } from '../../domain/offboarding/offboarding.commands';
import { offboardingDecider } from '../../domain/offboarding/offboarding.decider';
import { offboardingStream } from '../../domain/shared/streams';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext, underApplicationKey } from '../../event-sourcing/envelope';
import { businessDate } from '../../infrastructure/business-day';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';

/**
 * Records on the case's stream that a message about it was delivered through a
 * channel, or given up (NotificationSent / NotificationFailed), for the timeline.
 * Keyed by message, channel and outcome: a dispatcher that records again after a
 * crash (or a second one after a lease take-over) finds the first record.
 */
export class RecordCaseNotification implements AuditedCommand {
  readonly context: CommandContext;

  constructor(
    readonly caseId: string,
    readonly outcome: RecordNotification['data'],
    context: CommandContext,
  ) {
    const { messageId, channelId } = outcome.record;
    this.context = underApplicationKey(context, `notification:${messageId}:${channelId}:${outcome.outcome}`);
  }

  refusal() {
    return { command: 'RecordNotification', subjects: { caseId: this.caseId }, step: this.outcome.record.step };
  }
}

@CommandHandler(RecordCaseNotification)
export class RecordCaseNotificationHandler implements ICommandHandler<RecordCaseNotification, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ caseId, outcome, context }: RecordCaseNotification): Promise<CommandResult> {
    return handleCommand(
      this.events,
      offboardingStream(caseId),
      offboardingDecider,
      { type: 'RecordNotification', data: outcome },
      { ...context, effectiveDate: businessDate(context.recordedAt) },
    );
  }
}
