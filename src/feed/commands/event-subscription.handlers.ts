import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditedCommand } from '../../application/audited-command';
import { eventSubscription } from '../../domain/notifications/event-subscription.decider';
import { eventSubscriptionStream } from '../../domain/shared/streams';
import { CommandResult, handleCommand } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';

/** Subscribes a configured channel to domain events of the given types, from now on. */
export class CreateEventSubscription implements AuditedCommand {
  constructor(
    readonly subscriptionId: string,
    readonly channelId: string,
    readonly eventTypes: string[],
    readonly description: string | undefined,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'CreateEventSubscription', subjects: {} };
  }
}

/** Ends a subscription: events recorded after this are not sent to its channel. */
export class DeleteEventSubscription implements AuditedCommand {
  constructor(
    readonly subscriptionId: string,
    readonly context: CommandContext,
  ) {}

  refusal() {
    return { command: 'DeleteEventSubscription', subjects: {} };
  }
}

@CommandHandler(CreateEventSubscription)
export class CreateEventSubscriptionHandler implements ICommandHandler<CreateEventSubscription, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ subscriptionId, channelId, eventTypes, description, context }: CreateEventSubscription): Promise<CommandResult> {
    const data = { subscriptionId, channelId, eventTypes, ...(description ? { description } : {}) };
    return handleCommand(
      this.events,
      eventSubscriptionStream(subscriptionId),
      eventSubscription,
      { type: 'CreateEventSubscription', data },
      context,
    );
  }
}

@CommandHandler(DeleteEventSubscription)
export class DeleteEventSubscriptionHandler implements ICommandHandler<DeleteEventSubscription, CommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute({ subscriptionId, context }: DeleteEventSubscription): Promise<CommandResult> {
    return handleCommand(
      this.events,
      eventSubscriptionStream(subscriptionId),
      eventSubscription,
      { type: 'DeleteEventSubscription', data: { subscriptionId } },
      context,
    );
  }
}
