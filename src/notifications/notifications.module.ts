import { Global, Module } from '@nestjs/common';
import { NotificationsAdminController } from './admin/notifications-admin.controller';
import {
  ChangeNotificationChannelHandler,
  ConfigureNotificationChannelHandler,
  RemoveNotificationChannelHandler,
} from './admin/channel-commands';
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
    { provide: OUTBOX, inject: [NotificationsRuntime], useFactory: (runtime: NotificationsRuntime) => runtime.outbox },
    ConfigureNotificationChannelHandler,
    ChangeNotificationChannelHandler,
    RemoveNotificationChannelHandler,
  ],
  exports: [OUTBOX],
})
export class NotificationsModule {}
