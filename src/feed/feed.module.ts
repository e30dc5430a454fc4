import { Module } from '@nestjs/common';
import { EventStreamController } from './event-stream.controller';
import { EventStreams } from './event-streams';

/** The event feed (GET /api/events/stream) and the webhook subscriptions to domain events. */
@Module({ controllers: [EventStreamController], providers: [EventStreams] })
export class FeedModule {}
