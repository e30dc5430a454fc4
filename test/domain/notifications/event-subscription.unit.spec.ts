import {
  EventSubscriptionCreated,
  EventSubscriptionDeleted,
  eventSubscription,
  eventSubscriptionEvents,
} from '../../../src/domain/notifications/event-subscription.decider';
import { spec } from '../given-when-then';
import { describeSeam } from '../seam-spec';

const created: EventSubscriptionCreated = {
  type: 'EventSubscriptionCreated',
  data: { subscriptionId: 'S1', channelId: 'payroll', eventTypes: ['OffboardingCaseOpened', 'StepCompleted'] },
};
const deleted: EventSubscriptionDeleted = { type: 'EventSubscriptionDeleted', data: { subscriptionId: 'S1' } };
const create = (data: Partial<typeof created.data> = {}) => ({
  type: 'CreateEventSubscription' as const,
  data: { ...created.data, ...data },
});
const del = { type: 'DeleteEventSubscription' as const, data: { subscriptionId: 'S1' } };

describeSeam('event subscription', eventSubscriptionEvents, [created, deleted]);

describe('event subscription', () => {
  describe('when there is none', () => {
    it('is created with its types, each once and sorted', () => {
      spec(eventSubscription)
        .given([])
        .when(create({ eventTypes: ['StepCompleted', 'OffboardingCaseOpened', 'StepCompleted'] }))
        .then([created]);
    });
    it('needs at least one event type', () => {
      spec(eventSubscription)
        .given([])
        .when(create({ eventTypes: [] }))
        .thenThrows('INVALID_EVENT_SUBSCRIPTION');
    });
    it('cannot be deleted', () => {
      spec(eventSubscription).given([]).when(del).thenThrows('EVENT_SUBSCRIPTION_NOT_FOUND');
    });
  });

  describe('when it is active', () => {
    it('the same subscription sent again changes nothing', () => {
      spec(eventSubscription)
        .given([created])
        .when(create({ eventTypes: ['StepCompleted', 'OffboardingCaseOpened'] }))
        .then([]);
    });
    it('another subscription under its id is refused', () => {
      spec(eventSubscription)
        .given([created])
        .when(create({ channelId: 'other' }))
        .thenThrows('EVENT_SUBSCRIPTION_EXISTS');
      spec(eventSubscription)
        .given([created])
        .when(create({ eventTypes: ['CommandRefused'] }))
        .thenThrows('EVENT_SUBSCRIPTION_EXISTS');
    });
    it('is deleted', () => {
      spec(eventSubscription).given([created]).when(del).then([deleted]);
    });
  });

  describe('when it was deleted', () => {
    it('deleting again changes nothing', () => {
      spec(eventSubscription).given([created, deleted]).when(del).then([]);
    });
    it('its id is not taken again', () => {
      spec(eventSubscription).given([created, deleted]).when(create()).thenThrows('EVENT_SUBSCRIPTION_EXISTS');
    });
  });
});
