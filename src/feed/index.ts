/** What other features and the root may use of the feed (.dependency-cruiser.cjs). */
export { FeedModule } from './feed.module';
export { withEventDataSchemas } from './event-payload-schemas';
