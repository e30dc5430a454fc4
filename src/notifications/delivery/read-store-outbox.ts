import { BatchSideWrites, ReadStore } from '../../infrastructure/read-store/read-store.port';
import { ChannelType } from '../channels/channel';
import { Outbox, OutboxInBatch, OutboundMessage } from '../outbound-message';

export const OUTBOX_MESSAGES = 'notification_outbox';
export const DELIVERIES = 'notification_deliveries';

/** A message as queued: `pending` until the dispatcher has made its deliveries (or found no channel), or withdrawn. */
export interface QueuedMessage {
  id: string;
  message: OutboundMessage;
  state: 'pending' | 'routed' | 'unroutable' | 'cancelled';
  /** notBefore as a UTC instant (ISO, Z): comparable as text, whatever offset the producer wrote. */
  due: string;
  enqueuedAt: string;
  version: number;
  [field: string]: unknown;
}

export type DeliveryState = 'pending' | 'sent' | 'dead';

/** One (message, channel) pair: delivered and retried independently of the message's other channels. */
export interface Delivery {
  id: string;
  messageId: string;
  channelId: string;
  channelType: ChannelType;
  state: DeliveryState;
  attempts: number;
  /** When it may be tried next (UTC ISO); while an attempt is in flight, when that attempt's claim lapses. */
  nextAttemptAt: string;
  createdAt: string;
  sentAt?: string;
  deadAt?: string;
  lastError?: string;
  /** The message's case, if any: its delivery is recorded on the case's stream. */
  caseId?: string;
  /** Whether NotificationSent/Failed is on the case's stream (the recording is retried until it is). */
  recorded?: boolean;
  version: number;
  [field: string]: unknown;
}

/** A withdrawal: each message still pending under a prefix (prefixes are ids up to a separator) is cancelled. */
export const WITHDRAWAL = { where: { state: 'pending' }, set: { state: 'cancelled' }, increment: 'version' } as const;

/** Sent or dead deliveries whose outcome is not yet on their case's stream (a dispatcher pass records them). */
export const UNRECORDED = { filter: { recorded: false, state: { $in: ['sent', 'dead'] } } };

export const deliveryId = (messageId: string, channelId: string) => `${messageId}|${channelId}`;

/**
 * The outbox over the read store port: reactors enqueue, the dispatcher (one active
 * instance, under a lease) routes and delivers. Enqueue is insert-if-absent by
 * message id: a reactor replaying after a crash enqueues the same ids and nothing
 * changes. Every state change is a compare-and-set on the document's version, so a
 * dispatcher that lost its lease mid-way cannot overwrite its successor's work.
 */
export class ReadStoreOutbox implements Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly reads: ReadStore,
    private readonly now: () => Date,
  ) {}

  async ensureCollections(): Promise<void> {
    await this.reads.ensureCollection(OUTBOX_MESSAGES, [{ fields: ['state', 'due'] }]);
    await this.reads.ensureCollection(DELIVERIES, [
      { fields: ['state', 'nextAttemptAt'] },
      { fields: ['state', 'createdAt'] },
      { fields: ['messageId'] },
      // unrecorded(): without it SQLite searched (state, createdAt) for every sent delivery ever, on every dispatcher pass.
      { fields: ['recorded', 'state'] },
    ]);
  }

  /** Called after each enqueue, so that the dispatcher in this process need not wait for its poll. */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async enqueue(messages: OutboundMessage[]): Promise<void> {
    // A case's reminders in one write (about 170 when it opens): one commit rather than one per message.
    await this.reads.insertAllIfAbsent(OUTBOX_MESSAGES, this.queued(messages));
    if (messages.length > 0) this.told();
  }

  async cancelPending(idPrefix: string): Promise<number> {
    // One statement for the step's pending reminders, never read into the process: reading each and writing it back was a
    // third of the request thread in bench:api's step commands. The version moves on, so a dispatcher's claim made before fails.
    return this.reads.updateAllUnder(OUTBOX_MESSAGES, idPrefix, WITHDRAWAL);
  }

  inBatch(batch: BatchSideWrites): OutboxInBatch {
    return {
      enqueue: (messages) => {
        if (messages.length === 0) return;
        batch.insertAllIfAbsent(OUTBOX_MESSAGES, this.queued(messages));
        // Once committed: told before, the dispatcher could look before the messages are there, and wait for its poll.
        batch.afterCommit(this.told);
      },
      cancelPending: (idPrefix) => batch.updateAllUnder(OUTBOX_MESSAGES, idPrefix, WITHDRAWAL),
    };
  }

  private queued(messages: OutboundMessage[]): QueuedMessage[] {
    const enqueuedAt = this.now().toISOString();
    return messages.map((message): QueuedMessage => {
      const due = new Date(message.notBefore);
      if (Number.isNaN(due.getTime())) throw new TypeError(`Message ${message.id}: notBefore is not an instant: ${message.notBefore}`);
      return { id: message.id, message, state: 'pending', due: due.toISOString(), enqueuedAt, version: 1 };
    });
  }

  /** One function for every batch: a batch calls each of its afterCommit listeners once. */
  private readonly told = () => {
    for (const listener of this.listeners) listener();
  };

  /** Messages due by `now` and not yet routed, oldest first. */
  dueMessages(now: Date, limit: number): Promise<QueuedMessage[]> {
    return this.reads.find<QueuedMessage>(OUTBOX_MESSAGES, {
      filter: { state: 'pending', due: { $lte: now.toISOString() } },
      sort: { due: 1 },
      limit,
    });
  }

  /** Makes the message's deliveries (insert-if-absent: routing again after a crash adds none twice), then marks it routed. */
  async route(queued: QueuedMessage, channels: Array<{ id: string; type: ChannelType }>, now: Date): Promise<boolean> {
    for (const channel of channels) {
      const delivery: Delivery = {
        id: deliveryId(queued.id, channel.id),
        messageId: queued.id,
        channelId: channel.id,
        channelType: channel.type,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now.toISOString(),
        createdAt: now.toISOString(),
        ...(queued.message.caseId ? { caseId: queued.message.caseId, recorded: false } : {}),
        version: 1,
      };
      await this.reads.insertIfAbsent(DELIVERIES, delivery);
    }
    const state = channels.length > 0 ? 'routed' : 'unroutable';
    return this.reads.replaceIf(
      OUTBOX_MESSAGES,
      { ...queued, state, version: queued.version + 1 },
      { version: queued.version, state: 'pending' },
    );
  }

  dueDeliveries(now: Date, limit: number): Promise<Delivery[]> {
    return this.reads.find<Delivery>(DELIVERIES, {
      filter: { state: 'pending', nextAttemptAt: { $lte: now.toISOString() } },
      sort: { nextAttemptAt: 1 },
      limit,
    });
  }

  /** The new version if this process won the change, else null (another dispatcher changed it first). */
  async update(delivery: Delivery, change: Partial<Delivery>): Promise<Delivery | null> {
    const next = { ...delivery, ...change, version: delivery.version + 1 } as Delivery;
    return (await this.reads.replaceIf(DELIVERIES, next, { version: delivery.version })) ? next : null;
  }

  message(id: string): Promise<QueuedMessage | null> {
    return this.reads.get<QueuedMessage>(OUTBOX_MESSAGES, id);
  }

  delivery(id: string): Promise<Delivery | null> {
    return this.reads.get<Delivery>(DELIVERIES, id);
  }

  deliveries(state: DeliveryState, limit: number, skip: number): Promise<Delivery[]> {
    return this.reads.find<Delivery>(DELIVERIES, { filter: { state }, sort: { createdAt: -1 }, limit, skip });
  }

  countDeliveries(state: DeliveryState): Promise<number> {
    return this.reads.count(DELIVERIES, { state });
  }

  /** Deliveries whose outcome is not yet on their case's stream. */
  unrecorded(limit: number): Promise<Delivery[]> {
    return this.reads.find<Delivery>(DELIVERIES, { ...UNRECORDED, limit });
  }

  /** Since when the oldest message due by `now` waits: a pending delivery's creation, or a due message not yet routed. */
  async oldestPending(now: Date): Promise<string | null> {
    const [oldest] = await this.reads.find<Delivery>(DELIVERIES, {
      filter: { state: 'pending' },
      sort: { createdAt: 1 },
      limit: 1,
      fields: ['createdAt'],
    });
    const [queued] = await this.reads.find<QueuedMessage>(OUTBOX_MESSAGES, {
      filter: { state: 'pending', due: { $lte: now.toISOString() } },
      sort: { due: 1 },
      limit: 1,
      fields: ['due'],
    });
    const times = [oldest?.createdAt, queued?.due].filter((t): t is string => typeof t === 'string');
    return times.length ? times.sort()[0] : null;
  }

  countPendingMessages(): Promise<number> {
    return this.countMessages('pending');
  }

  /** `unroutable`: due messages no configured channel serves (an audience nobody set a channel up for). */
  countMessages(state: QueuedMessage['state']): Promise<number> {
    return this.reads.count(OUTBOX_MESSAGES, { state });
  }
}
