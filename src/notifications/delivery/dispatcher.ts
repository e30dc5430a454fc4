import { NotifyConfig } from '../../config/config';
import { ChannelConfig } from '../channels/channel';
import { ChannelDirectory } from '../channels/channel-directory';
import { ChannelSecrets } from '../channels/channel-secrets';
import { channelsFor } from '../channels/routing';
import { DeliveryError, send } from '../channels/senders';
import { Delivery, QueuedMessage, ReadStoreOutbox } from './read-store-outbox';
import { backoffMs } from './backoff';

/** What the dispatcher reports: attempts (metrics) and outcomes to record on the case's stream. */
export interface DispatcherHooks {
  attempted(channelType: string, outcome: 'sent' | 'retry' | 'dead'): void;
  /** Records NotificationSent/NotificationFailed on the case; throws when it could not (tried again next tick). */
  record(delivery: Delivery, message: QueuedMessage['message']): Promise<void>;
  log(message: string, fields: Record<string, unknown>): void;
}

const BATCH = 200;
/** Deliveries in flight at once, all channels together. */
const MAX_IN_FLIGHT = 256;

/**
 * Delivers what the outbox holds, in the main process, while this process holds the
 * dispatcher's lease. Each tick: routes due messages to their channels (one delivery
 * per message and channel), then claims due deliveries and sends each on its own,
 * never awaited by the tick: a slow receiver holds only its channel's slots
 * (`concurrencyPerChannel`) and is cut off at `timeoutMs`; other channels, commands
 * and projections go on. A claim moves `nextAttemptAt` past the attempt's timeout:
 * if this process dies mid-send, the delivery is due again for the next holder, which
 * sends it again under the same idempotency key (at least once; the receiver keeps
 * the first). Failures are retried with exponential backoff and full jitter, and
 * dead-lettered after `maxAttempts`.
 */
export class Dispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private wakeRequested = false;
  private readonly inFlight = new Map<string, number>();
  /**
   * The deliveries this process is sending now. Their claim (nextAttemptAt) is kept by the
   * service clock, which a test (or an operator fixing the time) may move past it while the
   * request is still out: this process must not send the same delivery again meanwhile.
   */
  private readonly attempting = new Set<string>();
  private readonly sending = new Set<Promise<void>>();
  private total = 0;
  private readonly openedSecrets = new Map<string, { ciphertext: string; secret: string }>();

  constructor(
    private readonly outbox: ReadStoreOutbox,
    private readonly channels: ChannelDirectory,
    private readonly secrets: ChannelSecrets,
    private readonly config: NotifyConfig,
    private readonly clock: () => Date,
    private readonly hooks: DispatcherHooks,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops claiming; waits for the attempts in flight (each ends by its timeout). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.sending]);
  }

  /** An enqueue in this process: look now rather than at the next poll. */
  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** One pass (tests call it to step the dispatcher without timers). Resolves when the pass has started its sends. */
  async tick(): Promise<void> {
    const now = this.clock();
    for (const queued of await this.outbox.dueMessages(now, BATCH)) {
      const routed = channelsFor(queued.message.audience, await this.channels.all());
      await this.outbox.route(queued, routed, now);
    }
    // No more than could start now: each pass after an attempt ends would otherwise read (and parse) a full batch.
    const channelCount = Math.max(1, (await this.channels.all()).length);
    const slots = Math.min(MAX_IN_FLIGHT - this.total, channelCount * this.config.concurrencyPerChannel - this.total);
    if (slots > 0) {
      for (const delivery of await this.outbox.dueDeliveries(now, Math.min(BATCH, Math.max(slots, 8)))) {
        if (this.attempting.has(delivery.id)) continue;
        if ((this.inFlight.get(delivery.channelId) ?? 0) >= this.config.concurrencyPerChannel) continue;
        if (this.total >= MAX_IN_FLIGHT) break;
        const claimed = await this.outbox.update(delivery, {
          nextAttemptAt: new Date(now.getTime() + this.config.timeoutMs * 2 + 1000).toISOString(),
        });
        if (!claimed) continue;
        this.attempting.add(claimed.id);
        this.track(
          claimed.channelId,
          this.attempt(claimed).finally(() => this.attempting.delete(claimed.id)),
        );
      }
    }
    await this.recordOutcomes();
  }

  /** Resolves when every attempt started so far has ended (tests). */
  async drain(): Promise<void> {
    while (this.sending.size > 0) await Promise.allSettled([...this.sending]);
  }

  private track(channelId: string, attempt: Promise<void>): void {
    this.inFlight.set(channelId, (this.inFlight.get(channelId) ?? 0) + 1);
    this.total++;
    const done: Promise<void> = attempt
      .catch((error) => this.hooks.log('delivery bookkeeping failed', { channelId, error: String(error) }))
      .finally(() => {
        this.inFlight.set(channelId, this.inFlight.get(channelId)! - 1);
        this.total--;
        this.sending.delete(done);
        if (this.running) this.wake();
      });
    this.sending.add(done);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const attempt = delivery.attempts + 1;
    const queued = await this.outbox.message(delivery.messageId);
    const channel = await this.channels.get(delivery.channelId);
    let outcome: { ok: true } | { ok: false; error: string; retryable: boolean };
    if (!queued || !channel || !channel.enabled) {
      outcome = { ok: false, error: channel && !channel.enabled ? 'channel disabled' : 'channel removed', retryable: false };
    } else {
      outcome = await this.send(queued, channel, attempt);
    }
    const now = this.clock();
    if (outcome.ok) {
      this.hooks.attempted(delivery.channelType, 'sent');
      await this.outbox.update(delivery, { state: 'sent', attempts: attempt, sentAt: now.toISOString(), lastError: undefined });
      return;
    }
    const dead = !outcome.retryable || attempt >= this.config.maxAttempts;
    this.hooks.attempted(delivery.channelType, dead ? 'dead' : 'retry');
    const next = dead
      ? { state: 'dead' as const, deadAt: now.toISOString() }
      : { nextAttemptAt: new Date(now.getTime() + backoffMs(attempt, this.config)).toISOString() };
    await this.outbox.update(delivery, { attempts: attempt, lastError: outcome.error, ...next });
  }

  private async send(
    queued: QueuedMessage,
    channel: ChannelConfig,
    attempt: number,
  ): Promise<{ ok: true } | { ok: false; error: string; retryable: boolean }> {
    try {
      const secret = channel.secret ? await this.openSecret(channel) : undefined;
      // Signatures carry the wall clock, not the business clock: the receiver checks them against its own (a replay window).
      await send({ message: queued.message, channel, secret, attempt, timeoutMs: this.config.timeoutMs, now: new Date() });
      return { ok: true };
    } catch (error) {
      if (error instanceof DeliveryError) return { ok: false, error: error.message, retryable: error.retryable };
      return { ok: false, error: String((error as Error).message ?? error).slice(0, 200), retryable: true };
    }
  }

  /** Sent and dead deliveries about a case go on its stream; one that could not be recorded is tried again next tick. */
  private async recordOutcomes(): Promise<void> {
    for (const delivery of await this.outbox.unrecorded(BATCH)) {
      const queued = await this.outbox.message(delivery.messageId);
      try {
        if (queued) await this.hooks.record(delivery, queued.message);
        await this.outbox.update(delivery, { recorded: true });
      } catch (error) {
        this.hooks.log('recording a delivery on its case failed; retried', { deliveryId: delivery.id, error: String(error) });
      }
    }
  }

  /** Opened once per sealed value (a new secret is a new ciphertext), not at every attempt. */
  private async openSecret(channel: ChannelConfig): Promise<string> {
    const sealed = channel.secret!;
    const cached = this.openedSecrets.get(channel.id);
    if (cached && cached.ciphertext === sealed.ciphertext) return cached.secret;
    const secret = await this.secrets.open(channel.id, sealed);
    this.openedSecrets.set(channel.id, { ciphertext: sealed.ciphertext, secret });
    return secret;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick()
        .catch((error) => this.hooks.log('dispatcher pass failed', { error: String(error) }))
        .finally(() => {
          this.ticking = null;
          const again = this.wakeRequested;
          this.wakeRequested = false;
          this.schedule(again ? 0 : this.config.pollMs);
        });
    }, ms);
  }
}
