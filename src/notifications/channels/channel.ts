/** The channel's shape is the domain's (its events carry it): src/domain/notification-channel/channel.ts. */
export { CHANNEL_TYPES, ChannelConfig, ChannelType, SealedSecret, SmtpSettings } from '../../domain/notification-channel/channel';
