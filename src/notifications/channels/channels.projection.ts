import { channelEvents } from '../../domain/notification-channel/channel.decider';
import { parseStream } from '../../domain/shared/streams';
import { RecordedEvent } from '../../infrastructure/event-store/event-store.port';
import { Projection, ProjectionView } from '../../projections/projection';

export const NOTIFICATION_CHANNELS_PROJECTION = 'notification_channels';
export const CHANNELS = 'channels';

/** The channels in force, one document each (the secret still sealed), for the dispatcher and GET /api/admin/channels. */
export const notificationChannels: Projection = {
  name: NOTIFICATION_CHANNELS_PROJECTION,
  version: 1,
  collections: { [CHANNELS]: [{ fields: ['type'] }] },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const stream = parseStream(event.stream);
    if (stream?.kind !== 'channel') return;
    const typed = channelEvents.read(event);
    switch (typed.type) {
      case 'NotificationChannelConfigured':
      case 'NotificationChannelChanged':
        view.upsert(CHANNELS, { ...typed.data.config, updatedAt: event.metadata.recordedAt, position: event.position.toString() });
        return;
      case 'NotificationChannelRemoved':
        view.delete(CHANNELS, stream.channelId);
    }
  },
};
