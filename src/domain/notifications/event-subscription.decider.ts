import { Decider, DomainError, DomainEvent } from '../decider';
import { eventSchemas } from '../stored-event';

/**
 * A webhook subscription to domain events (`eventsubscription-<id>`): a channel
 * (configured under notifications) receives every event of the listed types
 * recorded after the subscription, until it is deleted. Kept as events like
 * everything else, so that the log says who subscribed which receiver to what,
 * and when, and so that a reactor replaying the log publishes exactly what it
 * published the first time (a subscription applies from its own position on).
 */
export type EventSubscriptionCreated = DomainEvent<
  'EventSubscriptionCreated',
  { subscriptionId: string; channelId: string; eventTypes: string[]; description?: string }
>;
export type EventSubscriptionDeleted = DomainEvent<'EventSubscriptionDeleted', { subscriptionId: string }>;
export type EventSubscriptionEvent = EventSubscriptionCreated | EventSubscriptionDeleted;

export const eventSubscriptionEvents = eventSchemas<EventSubscriptionEvent>('event subscription', {
  EventSubscriptionCreated: { current: 1 },
  EventSubscriptionDeleted: { current: 1 },
});

export type CreateEventSubscription = {
  type: 'CreateEventSubscription';
  data: { subscriptionId: string; channelId: string; eventTypes: string[]; description?: string };
};
export type DeleteEventSubscription = { type: 'DeleteEventSubscription'; data: { subscriptionId: string } };
export type EventSubscriptionCommand = CreateEventSubscription | DeleteEventSubscription;

export type EventSubscriptionState = { status: 'none' } | { status: 'active' | 'deleted'; channelId: string; eventTypes: string[] };

export const eventSubscription: Decider<EventSubscriptionCommand, EventSubscriptionState, EventSubscriptionEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'CreateEventSubscription': {
        if (state.status !== 'none') {
          // The same subscription sent again (a retried request) changes nothing; another one under its id is refused.
          const same =
            state.status === 'active' && state.channelId === command.data.channelId && sameTypes(state.eventTypes, command.data.eventTypes);
          if (same) return [];
          throw new DomainError(
            'EVENT_SUBSCRIPTION_EXISTS',
            `Subscription ${command.data.subscriptionId} already exists; choose another id (订阅编号已存在，请另选编号).`,
          );
        }
        if (command.data.eventTypes.length === 0)
          throw new DomainError('INVALID_EVENT_SUBSCRIPTION', 'Name at least one event type (请至少选择一种事件类型).');
        return [{ type: 'EventSubscriptionCreated', data: { ...command.data, eventTypes: [...new Set(command.data.eventTypes)].sort() } }];
      }
      case 'DeleteEventSubscription':
        if (state.status === 'none')
          throw new DomainError('EVENT_SUBSCRIPTION_NOT_FOUND', `No subscription ${command.data.subscriptionId} (订阅不存在).`);
        return state.status === 'deleted' ? [] : [{ type: 'EventSubscriptionDeleted', data: command.data }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'EventSubscriptionCreated':
        return { status: 'active', channelId: event.data.channelId, eventTypes: event.data.eventTypes };
      case 'EventSubscriptionDeleted':
        return state.status === 'none' ? state : { ...state, status: 'deleted' };
    }
  },
  events: eventSubscriptionEvents,
};

const sameTypes = (a: string[], b: string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((t, i) => t === y[i]);
};
