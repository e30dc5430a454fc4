import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Registry } from 'prom-client';
import { Config } from '../../src/config/config';
import { AllSubscription, EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { EventStreams, HEARTBEAT_MS } from '../../src/feed/event-streams';
import { MetricsService } from '../../src/metrics/metrics.service';

/** An answer that records what is written; `full` plays a client whose buffer is full. */
class FakeResponse extends EventEmitter {
  written: string[] = [];
  writableNeedDrain = false;
  writableEnded = false;
  destroyed = false;
  writeHead() {
    return this;
  }
  write(chunk: string) {
    this.written.push(chunk);
    return !this.writableNeedDrain;
  }
  end() {
    this.writableEnded = true;
    this.emit('close');
  }
}

/** A log with nothing in it, that never ends until closed. */
const quietLog = (): EventStore =>
  ({
    subscribeToAll: (): AllSubscription => {
      let stop: () => void = () => undefined;
      const closed = new Promise<void>((r) => (stop = r));
      return {
        close: async () => stop(),
        [Symbol.asyncIterator]: () => ({ next: async () => (await closed, { done: true as const, value: undefined }) }),
      };
    },
  }) as unknown as EventStore;

describe('event streams: heartbeats and slots', () => {
  const principal = { id: 'u1', roles: ['auditor' as const], departments: [] };
  const query = { after: undefined, types: undefined, streamPrefixes: undefined };
  let streams: EventStreams;

  beforeEach(() => {
    jest.useFakeTimers();
    const metrics = { registry: new Registry() } as unknown as MetricsService;
    streams = new EventStreams(quietLog(), { eventStreamsPerCaller: 1 } as Config, metrics);
  });
  afterEach(() => {
    streams.beforeApplicationShutdown();
    jest.useRealTimers();
  });

  it(`writes a comment line every ${HEARTBEAT_MS / 1000} s while nothing happens, and none to a client whose buffer is full`, async () => {
    const response = new FakeResponse();
    void streams.serve(response as unknown as ServerResponse, {}, principal, query, streams.reserve(principal));
    const heartbeats = () => response.written.filter((w) => w === ': heartbeat\n\n').length;
    jest.advanceTimersByTime(HEARTBEAT_MS - 1);
    expect(heartbeats()).toBe(0);
    jest.advanceTimersByTime(1);
    expect(heartbeats()).toBe(1);
    jest.advanceTimersByTime(HEARTBEAT_MS);
    expect(heartbeats()).toBe(2);
    response.writableNeedDrain = true;
    jest.advanceTimersByTime(HEARTBEAT_MS * 3);
    expect(heartbeats()).toBe(2);
  });

  it('gives back the caller’s slot when the client goes, and ends every stream at shutdown', async () => {
    const response = new FakeResponse();
    void streams.serve(response as unknown as ServerResponse, {}, principal, query, streams.reserve(principal));
    expect(() => streams.reserve(principal)).toThrow(expect.objectContaining({ status: 429 }));
    response.emit('close');
    const again = new FakeResponse();
    void streams.serve(again as unknown as ServerResponse, {}, principal, query, streams.reserve(principal));
    streams.beforeApplicationShutdown();
    expect(again.writableEnded).toBe(true);
    // No heartbeat timer is left behind.
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a client gone before its stream began gives its slot back at once', () => {
    const gone = new FakeResponse();
    gone.destroyed = true;
    void streams.serve(gone as unknown as ServerResponse, {}, principal, query, streams.reserve(principal));
    expect(() => streams.reserve(principal)).not.toThrow();
  });
});
