import { OutboundMessage, Outbox } from '../../src/notifications';

/**
 * The outbox port in memory, as the delivery side promises it: enqueueing an id
 * already enqueued keeps the first. `calls` keeps every id as it was enqueued,
 * repeats included, so a test can tell "enqueued again" from "sent twice".
 */
export class InMemoryOutbox implements Outbox {
  readonly messages = new Map<string, OutboundMessage>();
  readonly calls: string[] = [];
  readonly cancelled: string[] = [];

  async enqueue(messages: OutboundMessage[]): Promise<void> {
    for (const message of messages) {
      this.calls.push(message.id);
      if (!this.messages.has(message.id)) this.messages.set(message.id, message);
    }
  }

  async cancelPending(idPrefix: string): Promise<number> {
    let count = 0;
    for (const id of [...this.messages.keys()]) {
      if (!id.startsWith(idPrefix)) continue;
      this.messages.delete(id);
      this.cancelled.push(id);
      count++;
    }
    return count;
  }

  ids(): string[] {
    return [...this.messages.keys()];
  }
}
