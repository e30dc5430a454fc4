import { Audience } from '../outbound-message';
import { ChannelConfig } from './channel';

/**
 * The channels that serve a message's audience, each once (a channel reached through
 * two audience entries gets the message once):
 * - `channel`: that channel;
 * - `role`: every shared channel (no actor ids) whose roles include the role or are
 *   empty, and that covers the entry's department or org unit; an entry with neither
 *   is served by organisation-wide channels (no department, no org unit);
 * - `actor`: the personal channels naming the actor.
 * Disabled channels serve nobody.
 */
export function channelsFor(audience: Audience[], channels: ChannelConfig[]): ChannelConfig[] {
  const chosen = new Map<string, ChannelConfig>();
  for (const entry of audience) {
    for (const channel of channels) {
      if (channel.enabled && serves(channel, entry)) chosen.set(channel.id, channel);
    }
  }
  return [...chosen.values()];
}

function serves(channel: ChannelConfig, entry: Audience): boolean {
  switch (entry.kind) {
    case 'channel':
      return channel.id === entry.channelId;
    case 'actor':
      return channel.actorIds.includes(entry.actorId);
    case 'role': {
      if (channel.actorIds.length > 0) return false;
      if (channel.roles.length > 0 && !channel.roles.includes(entry.role)) return false;
      const place = entry.department !== undefined || entry.orgUnit !== undefined;
      if (!place) return channel.departments.length === 0 && channel.orgUnits.length === 0;
      return (
        (entry.department !== undefined && channel.departments.includes(entry.department)) ||
        (entry.orgUnit !== undefined && channel.orgUnits.includes(entry.orgUnit))
      );
    }
  }
}
