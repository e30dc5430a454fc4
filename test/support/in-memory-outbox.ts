import { OutboundMessage, Outbox, OutboxInBatch } from '../../src/notifications';

/**
 * The Outbox port in memory, for the reactors' tests (the real one is delivery's):
 * enqueueing an id already there keeps the first, as the port says, and
 * cancelPending withdraws pending messages under a prefix. Every call is kept, so
 * a test sees what a replay asked for as well as what the outbox holds.
 */
export class InMemoryOutbox implements Outbox {
  readonly messages = new Map<string, { message: OutboundMessage; state: 'pending' | 'cancelled' }>();
  readonly calls: Array<{ enqueue: string[] } | { cancel: string }> = [];

  async enqueue(messages: OutboundMessage[]): Promise<void> {
    this.calls.push({ enqueue: messages.map((m) => m.id) });
    for (const message of messages) if (!this.messages.has(message.id)) this.messages.set(message.id, { message, state: 'pending' });
  }

  async cancelPending(idPrefix: string): Promise<number> {
    this.calls.push({ cancel: idPrefix });
    let withdrawn = 0;
    for (const entry of this.messages.values()) {
      if (entry.state === 'pending' && entry.message.id.startsWith(idPrefix)) {
        entry.state = 'cancelled';
        withdrawn += 1;
      }
    }
    return withdrawn;
  }

  /** Made at once, as asked: what a batch's transaction adds is the read store's to show (read-store.contract.ts). */
  inBatch(): OutboxInBatch {
    return {
      enqueue: (messages) => void this.enqueue(messages),
      cancelPending: (idPrefix) => void this.cancelPending(idPrefix),
    };
  }

  pending(): OutboundMessage[] {
    return [...this.messages.values()].filter((e) => e.state === 'pending').map((e) => e.message);
  }

  /** The ids held, pending or cancelled, in the order first enqueued. */
  ids(): string[] {
    return [...this.messages.keys()];
  }

  /** Every id any enqueue asked for, in order, duplicates included. */
  enqueued(): string[] {
    return this.calls.flatMap((c) => ('enqueue' in c ? c.enqueue : []));
  }
}
