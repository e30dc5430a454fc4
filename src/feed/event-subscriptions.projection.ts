import { eventSubscriptionEvents } from '../domain/notifications/event-subscription.decider';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { Projection, ProjectionView } from '../projections/projection';
import { categoryOf } from './event-catalogue';

export const EVENT_SUBSCRIPTIONS = 'event_subscriptions';

/** One webhook subscription as GET /api/admin/event-subscriptions lists it. */
export interface EventSubscriptionDocument {
  [key: string]: unknown;
  id: string;
  subscriptionId: string;
  channelId: string;
  eventTypes: string[];
  description: string | null;
  status: 'active' | 'deleted';
  /** Events recorded after this position are sent. */
  fromPosition: string;
  createdAt: string | null;
  createdBy: string | null;
  deletedAt: string | null;
}

/** The read model of the webhook subscriptions (the publisher reactor keeps its own copy, with its checkpoint). */
export const eventSubscriptions: Projection = {
  name: 'event_subscriptions',
  version: 1,
  collections: { [EVENT_SUBSCRIPTIONS]: [{ fields: ['status', 'createdAt'] }, { fields: ['createdAt'] }] },
  async handle(stored: RecordedEvent, view: ProjectionView): Promise<void> {
    if (categoryOf(stored.stream) !== 'eventsubscription') return;
    const event = eventSubscriptionEvents.read(stored);
    const recordedAt = typeof stored.metadata.recordedAt === 'string' ? stored.metadata.recordedAt : null;
    if (event.type === 'EventSubscriptionCreated') {
      const actor = stored.metadata.actor as { id?: unknown } | undefined;
      view.upsert(EVENT_SUBSCRIPTIONS, {
        id: event.data.subscriptionId,
        subscriptionId: event.data.subscriptionId,
        channelId: event.data.channelId,
        eventTypes: event.data.eventTypes,
        description: event.data.description ?? null,
        status: 'active',
        fromPosition: stored.position.toString(),
        createdAt: recordedAt,
        createdBy: typeof actor?.id === 'string' ? actor.id : null,
        deletedAt: null,
      } satisfies EventSubscriptionDocument);
    } else {
      const known = await view.get<EventSubscriptionDocument>(EVENT_SUBSCRIPTIONS, event.data.subscriptionId);
      if (known) view.upsert(EVENT_SUBSCRIPTIONS, { ...known, status: 'deleted', deletedAt: recordedAt });
    }
  },
};
