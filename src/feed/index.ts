/** What other features and the root may use of the feed (.dependency-cruiser.cjs). */
export { FeedModule } from './feed.module';
export { withEventDataSchemas } from './event-payload-schemas';
export { domainEventPublisher, domainEventMessageId } from './domain-event-publisher.reactor';
export { eventSubscriptions } from './event-subscriptions.projection';
