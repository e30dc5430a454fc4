import { Global, Module } from '@nestjs/common';
import { NotificationsAdminController } from './admin/notifications-admin.controller';
import {
  ChangeNotificationChannelHandler,
  ConfigureNotificationChannelHandler,
  RemoveNotificationChannelHandler,
} from './admin/channel-commands';
import { CLOCK, Clock } from '../infrastructure/clock';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { ReadStoreOutbox } from './delivery/read-store-outbox';
import { NotificationsRuntime } from './notifications.runtime';
import { OUTBOX } from './outbound-message';

/**
 * Delivery of what reactors enqueue (issue 13, items 4 and 5): channels configured by
 * admins, the outbox (OUTBOX), the dispatcher under its lease, the admin routes.
 * Global: any feature's reactor may inject OUTBOX.
 */
@Global()
@Module({
  controllers: [NotificationsAdminController],
  providers: [
    NotificationsRuntime,
    // The outbox stands on the read store alone: the reactors that enqueue into it run under
    // ProjectionsService, which the runtime (the dispatcher's lease) depends on in turn.
    { provide: OUTBOX, inject: [READ_STORE, CLOCK], useFactory: (reads: ReadStore, clock: Clock) => new ReadStoreOutbox(reads, clock) },
    ConfigureNotificationChannelHandler,
    ChangeNotificationChannelHandler,
    RemoveNotificationChannelHandler,
  ],
  exports: [OUTBOX],
})
export class NotificationsModule {}
