import { ChannelConfig } from '../../../src/domain/notification-channel/channel';
import { channelDecider, ChannelEvent } from '../../../src/domain/notification-channel/channel.decider';
import { spec } from '../given-when-then';

const robot: ChannelConfig = {
  id: 'it-robot',
  type: 'dingtalk',
  name: 'IT 部门机器人',
  enabled: true,
  departments: ['it'],
  orgUnits: [],
  roles: [],
  actorIds: [],
  url: 'https://oapi.dingtalk.com/robot/send?access_token=t',
  format: 'markdown',
  secret: { alg: 'A256GCM', iv: 'aXY=', tag: 'dGFn', ciphertext: 'Yw==' },
};
const configured: ChannelEvent = { type: 'NotificationChannelConfigured', data: { config: robot } };
const removed: ChannelEvent = { type: 'NotificationChannelRemoved', data: { channelId: 'it-robot' } };

describe('notification channel decider', () => {
  describe('when no channel has the id', () => {
    it('configures it', () => {
      spec(channelDecider)
        .given([])
        .when({ type: 'ConfigureChannel', data: { config: robot } })
        .then([configured]);
    });
    it('refuses a change or a removal: CHANNEL_NOT_FOUND', () => {
      spec(channelDecider)
        .given([])
        .when({ type: 'ChangeChannel', data: { config: robot } })
        .thenThrows('CHANNEL_NOT_FOUND');
      spec(channelDecider)
        .given([])
        .when({ type: 'RemoveChannel', data: { channelId: 'it-robot' } })
        .thenThrows('CHANNEL_NOT_FOUND');
    });
  });

  describe('when the channel is configured', () => {
    it('refuses configuring it again: CHANNEL_EXISTS', () => {
      spec(channelDecider)
        .given([configured])
        .when({ type: 'ConfigureChannel', data: { config: robot } })
        .thenThrows('CHANNEL_EXISTS');
    });
    it('records a change with the fields that changed; a new secret shows as `secret`, never its value', () => {
      const config = { ...robot, departments: ['it', 'hr'], secret: { ...robot.secret!, ciphertext: 'ZA==' } };
      spec(channelDecider)
        .given([configured])
        .when({ type: 'ChangeChannel', data: { config } })
        .then([{ type: 'NotificationChannelChanged', data: { config, changed: ['departments', 'secret'] } }]);
    });
    it('records nothing for a change that changes nothing', () => {
      spec(channelDecider)
        .given([configured])
        .when({ type: 'ChangeChannel', data: { config: robot } })
        .then([]);
    });
    it('removes it', () => {
      spec(channelDecider)
        .given([configured])
        .when({ type: 'RemoveChannel', data: { channelId: 'it-robot' } })
        .then([removed]);
    });
  });

  describe('when the channel was removed', () => {
    it('refuses changes, removal and a new configuration under the same id (its key is destroyed)', () => {
      spec(channelDecider)
        .given([configured, removed])
        .when({ type: 'ChangeChannel', data: { config: robot } })
        .thenThrows('CHANNEL_NOT_FOUND');
      spec(channelDecider)
        .given([configured, removed])
        .when({ type: 'RemoveChannel', data: { channelId: 'it-robot' } })
        .thenThrows('CHANNEL_NOT_FOUND');
      spec(channelDecider)
        .given([configured, removed])
        .when({ type: 'ConfigureChannel', data: { config: robot } })
        .thenThrows('CHANNEL_EXISTS');
    });
  });
});
