import { Module } from '@nestjs/common';
import { CreateEventSubscriptionHandler, DeleteEventSubscriptionHandler } from './commands/event-subscription.handlers';
import { EventStreamController } from './event-stream.controller';
import { EventStreams } from './event-streams';
import { EventSubscriptionsController } from './event-subscriptions.controller';

/**
 * The event feed (GET /api/events/stream) and the webhook subscriptions to domain
 * events; their publisher is a reactor (domain-event-publisher.reactor.ts), run with
 * the others where the service has an outbox (app.projections.ts).
 */
@Module({
  controllers: [EventStreamController, EventSubscriptionsController],
  providers: [EventStreams, CreateEventSubscriptionHandler, DeleteEventSubscriptionHandler],
})
export class FeedModule {}
