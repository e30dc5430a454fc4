import { Decider, DomainError, DomainEvent } from '../decider';
import { eventSchemas } from '../stored-event';
import { ChannelConfig } from './channel';

/**
 * A notification channel's configuration (`channel-<id>`): events, not a row in the
 * read store, because it is what an auditor asks about after a dispute ("was the IT
 * department's robot configured when the reminder was due, and by whom?"): every
 * change is a fact with its actor and time, and the timeline's channel ids resolve to
 * what each channel was at the time. The secret travels sealed (AES-GCM under the
 * channel's own key): removing the channel destroys the key, and the secret in every
 * event with it.
 */
export type NotificationChannelConfigured = DomainEvent<'NotificationChannelConfigured', { config: ChannelConfig }>;
/** The whole configuration after the change, and which fields changed (a new secret shows as `secret`, never its value). */
export type NotificationChannelChanged = DomainEvent<'NotificationChannelChanged', { config: ChannelConfig; changed: string[] }>;
export type NotificationChannelRemoved = DomainEvent<'NotificationChannelRemoved', { channelId: string }>;
export type ChannelEvent = NotificationChannelConfigured | NotificationChannelChanged | NotificationChannelRemoved;

export const channelEvents = eventSchemas<ChannelEvent>('notification channel', {
  NotificationChannelConfigured: { current: 1 },
  NotificationChannelChanged: { current: 1 },
  NotificationChannelRemoved: { current: 1 },
});

export type ChannelCommand =
  | { type: 'ConfigureChannel'; data: { config: ChannelConfig } }
  | { type: 'ChangeChannel'; data: { config: ChannelConfig } }
  | { type: 'RemoveChannel'; data: { channelId: string } };

export type ChannelState = { status: 'none' } | { status: 'active'; config: ChannelConfig } | { status: 'removed'; channelId: string };

const notFound = (channelId: string) =>
  new DomainError('CHANNEL_NOT_FOUND', `通知渠道 ${channelId} 不存在 / No notification channel ${channelId}.`, { channelId });

/** The fields that differ, by their JSON: the sealed secret compares as a whole, so a new one shows as changed. */
function changedFields(before: ChannelConfig, after: ChannelConfig): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (k) =>
        JSON.stringify((before as unknown as Record<string, unknown>)[k]) !==
        JSON.stringify((after as unknown as Record<string, unknown>)[k]),
    )
    .sort();
}

export const channelDecider: Decider<ChannelCommand, ChannelState, ChannelEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'ConfigureChannel':
        if (state.status !== 'none') {
          throw new DomainError('CHANNEL_EXISTS', `通知渠道 ${command.data.config.id} 已存在 / Channel ${command.data.config.id} exists.`, {
            channelId: command.data.config.id,
          });
        }
        return [{ type: 'NotificationChannelConfigured', data: { config: command.data.config } }];
      case 'ChangeChannel': {
        if (state.status !== 'active') throw notFound(command.data.config.id);
        const changed = changedFields(state.config, command.data.config);
        return changed.length === 0 ? [] : [{ type: 'NotificationChannelChanged', data: { config: command.data.config, changed } }];
      }
      case 'RemoveChannel':
        if (state.status !== 'active') throw notFound(command.data.channelId);
        return [{ type: 'NotificationChannelRemoved', data: { channelId: command.data.channelId } }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'NotificationChannelConfigured':
      case 'NotificationChannelChanged':
        return { status: 'active', config: event.data.config };
      case 'NotificationChannelRemoved':
        return { status: 'removed', channelId: event.data.channelId };
    }
  },
  events: channelEvents,
};
