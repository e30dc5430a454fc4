import { BadRequestException, Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AuditedCommand } from '../../application/audited-command';
import { channelDecider } from '../../domain/notification-channel/channel.decider';
import { channelStream } from '../../domain/shared/streams';
import { CommandResult, handleCommand, loadState } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { KEY_STORE, KeyStore } from '../../infrastructure/key-store/key-store.port';
import { DomainError } from '../../domain/decider';
import { ChannelConfig } from '../channels/channel';
import { ChannelSecrets } from '../channels/channel-secrets';
import { ChannelBodyDto, ChannelPatchDto } from './channel.dto';

export class ConfigureNotificationChannel implements AuditedCommand {
  constructor(
    readonly body: ChannelBodyDto,
    readonly context: CommandContext,
  ) {}
  refusal() {
    return { command: 'ConfigureChannel', subjects: {} };
  }
}

export class ChangeNotificationChannel implements AuditedCommand {
  constructor(
    readonly channelId: string,
    readonly patch: ChannelPatchDto,
    readonly context: CommandContext,
  ) {}
  refusal() {
    return { command: 'ChangeChannel', subjects: {} };
  }
}

export class RemoveNotificationChannel implements AuditedCommand {
  constructor(
    readonly channelId: string,
    readonly context: CommandContext,
  ) {}
  refusal() {
    return { command: 'RemoveChannel', subjects: {} };
  }
}

export type ChannelAnswer = CommandResult & { channel: PublicChannel };

/** A channel as the API answers it: no secret (only whether one is set), query values of the URL masked (tokens and keys live there). */
export type PublicChannel = Omit<ChannelConfig, 'secret'> & { secretSet: boolean };

export function publicChannel(config: ChannelConfig): PublicChannel {
  const { secret, ...rest } = config;
  return { ...rest, ...(rest.url ? { url: maskedUrl(rest.url) } : {}), secretSet: secret !== undefined };
}

function maskedUrl(url: string): string {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()]) parsed.searchParams.set(key, '***');
  return parsed.toString();
}

/** Fields that depend on the type: 400 naming each one (the DTO checked each field alone). */
function checkChannel(config: ChannelConfig, secretGiven: boolean): void {
  const errors: Array<{ field: string; message: string }> = [];
  if (config.type === 'email') {
    if (!config.smtp) errors.push({ field: 'smtp', message: 'smtp is required for an email channel' });
    if (config.url) errors.push({ field: 'url', message: 'url is not used by an email channel' });
  } else {
    if (!config.url) errors.push({ field: 'url', message: `url is required for a ${config.type} channel` });
    else {
      try {
        const parsed = new URL(config.url);
        if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password) throw new Error();
      } catch {
        errors.push({ field: 'url', message: 'url must be an http or https URL without credentials' });
      }
    }
    if (config.smtp) errors.push({ field: 'smtp', message: `smtp is only for an email channel` });
    if (config.type === 'wecom' && secretGiven)
      errors.push({ field: 'secret', message: 'a WeCom robot has no secret: its key is in the url' });
  }
  if (errors.length)
    throw new BadRequestException({ code: 'VALIDATION', message: `Invalid input: ${errors.map((e) => e.field).join(', ')}`, errors });
}

function configOf(id: string, body: Omit<ChannelBodyDto, 'secret'>): ChannelConfig {
  return {
    id,
    type: body.type,
    name: body.name,
    enabled: body.enabled ?? true,
    departments: body.departments ?? [],
    orgUnits: body.orgUnits ?? [],
    roles: body.roles ?? [],
    actorIds: body.actorIds ?? [],
    ...(body.url ? { url: body.url } : {}),
    format: body.format ?? 'markdown',
    ...(body.smtp ? { smtp: { ...body.smtp, secure: body.smtp.secure ?? false, to: body.smtp.to } } : {}),
  };
}

@CommandHandler(ConfigureNotificationChannel)
export class ConfigureNotificationChannelHandler implements ICommandHandler<ConfigureNotificationChannel, ChannelAnswer> {
  private readonly secrets: ChannelSecrets;
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(KEY_STORE) keys: KeyStore,
  ) {
    this.secrets = new ChannelSecrets(keys);
  }

  async execute({ body, context }: ConfigureNotificationChannel): Promise<ChannelAnswer> {
    const id = body.id ?? randomUUID();
    const config = configOf(id, body);
    checkChannel(config, body.secret !== undefined);
    if (body.secret) config.secret = await this.secrets.seal(id, body.secret);
    const result = await handleCommand(
      this.events,
      channelStream(id),
      channelDecider,
      { type: 'ConfigureChannel', data: { config } },
      context,
    );
    return { ...result, channel: publicChannel(config) };
  }
}

@CommandHandler(ChangeNotificationChannel)
export class ChangeNotificationChannelHandler implements ICommandHandler<ChangeNotificationChannel, ChannelAnswer> {
  private readonly secrets: ChannelSecrets;
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(KEY_STORE) keys: KeyStore,
  ) {
    this.secrets = new ChannelSecrets(keys);
  }

  async execute({ channelId, patch, context }: ChangeNotificationChannel): Promise<ChannelAnswer> {
    const state = await loadState(this.events, channelStream(channelId), channelDecider);
    if (state.status !== 'active')
      throw new DomainError('CHANNEL_NOT_FOUND', `通知渠道 ${channelId} 不存在 / No notification channel ${channelId}.`, { channelId });
    const { secret, ...fields } = patch;
    const before = state.config;
    const merged = configOf(channelId, {
      type: before.type,
      name: fields.name ?? before.name,
      enabled: fields.enabled ?? before.enabled,
      departments: fields.departments ?? before.departments,
      orgUnits: fields.orgUnits ?? before.orgUnits,
      roles: fields.roles ?? before.roles,
      actorIds: fields.actorIds ?? before.actorIds,
      url: fields.url ?? before.url,
      format: fields.format ?? before.format,
      smtp: fields.smtp ?? before.smtp,
    });
    checkChannel(merged, typeof secret === 'string');
    if (typeof secret === 'string') merged.secret = await this.secrets.seal(channelId, secret);
    else if (secret === undefined && before.secret) merged.secret = before.secret;
    const result = await handleCommand(
      this.events,
      channelStream(channelId),
      channelDecider,
      { type: 'ChangeChannel', data: { config: merged } },
      context,
    );
    return { ...result, channel: publicChannel(merged) };
  }
}

@CommandHandler(RemoveNotificationChannel)
export class RemoveNotificationChannelHandler implements ICommandHandler<RemoveNotificationChannel, CommandResult> {
  private readonly secrets: ChannelSecrets;
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(KEY_STORE) keys: KeyStore,
  ) {
    this.secrets = new ChannelSecrets(keys);
  }

  async execute({ channelId, context }: RemoveNotificationChannel): Promise<CommandResult> {
    const result = await handleCommand(
      this.events,
      channelStream(channelId),
      channelDecider,
      { type: 'RemoveChannel', data: { channelId } },
      context,
    );
    // After the removal is recorded: the sealed secret in every event of the stream can no longer be opened.
    await this.secrets.destroy(channelId);
    return result;
  }
}
