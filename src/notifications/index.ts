/** What other features may use of notifications: the message they enqueue and the outbox port (.dependency-cruiser.cjs). */
export { Audience, Bilingual, MessageKind, OUTBOX, Outbox, OutboxInBatch, OutboundMessage } from './outbound-message';
export { NotificationsModule } from './notifications.module';
