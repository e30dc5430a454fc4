import { BeforeApplicationShutdown, HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Counter, Gauge } from 'prom-client';
import { callerKey, Principal } from '../auth/principal';
import { Config, CONFIG } from '../config/config';
import { EVENT_STORE, EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { MetricsService } from '../metrics/metrics.service';
import { feedEnvelope, maySee } from './feed-envelope';
import { FeedQuery } from './feed-query';
import { StreamSlots } from './stream-slots';

/** A comment line this often keeps proxies and load balancers from closing an idle stream (most close after 30-60 s). */
export const HEARTBEAT_MS = 15_000;
/** What an EventSource waits before reconnecting after the connection drops. */
const RETRY_MS = 3_000;

/**
 * The server-sent event streams of GET /api/events/stream: each one follows the
 * global log from its resume point (a catch-up subscription: stored events, then
 * live ones as appends commit, woken by the store rather than a polling loop),
 * keeps the events the caller may see and asked for, and writes each as
 * `id: <position>`, `event: <type>`, `data: <envelope>`.
 *
 * Back-pressure: the next event is read from the log only once the socket has
 * taken the last one; while the client's buffer is full the stream waits for
 * `drain`, so a slow client holds one page of the log, never a growing queue.
 */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger('EventStreams');
  private readonly slots: StreamSlots;
  private readonly open = new Set<() => void>();
  private readonly sent: Counter;
  private readonly waiting: Gauge;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) config: Config,
    metrics: MetricsService,
  ) {
    this.slots = new StreamSlots(config.eventStreamsPerCaller);
    const slots = this.slots;
    new Gauge({
      name: 'event_streams_open',
      help: 'Server-sent event streams open (GET /api/events/stream)',
      registers: [metrics.registry],
      collect() {
        this.set(slots.total);
      },
    });
    this.sent = new Counter({
      name: 'event_stream_events_sent_total',
      help: 'Events written to event streams',
      registers: [metrics.registry],
    });
    this.waiting = new Gauge({
      name: 'event_streams_waiting_for_client',
      help: 'Event streams paused because the client has not read what was sent (back-pressure)',
      registers: [metrics.registry],
    });
  }

  /** A stream slot for the caller, or 429 TOO_MANY_STREAMS naming the bound. */
  reserve(principal: Principal): () => void {
    const release = this.slots.take(callerKey(principal));
    if (release) return release;
    throw new HttpException(
      {
        code: 'TOO_MANY_STREAMS',
        message: `At most ${this.slots.perCaller} event streams per caller; close one first (每个调用方同时打开的事件流数量有上限，请先关闭一个).`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  /** Writes the stream until the client goes or the service stops; releases the slot at the end. */
  async serve(response: ServerResponse, headers: Record<string, unknown>, principal: Principal, query: FeedQuery, release: () => void) {
    const subscription = this.events.subscribeToAll({ after: query.after });
    let closed = false;
    let wake: (() => void) | null = null;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      this.open.delete(close);
      release();
      wake?.();
      void subscription.close();
      if (!response.writableEnded) response.end();
    };
    this.open.add(close);
    response.on('close', close);
    const heartbeat = setInterval(() => {
      // A client not reading gets no more bytes, not even a comment: its buffer is full already.
      if (!response.writableNeedDrain) response.write(': heartbeat\n\n');
    }, HEARTBEAT_MS);
    // A client gone before the stream began would never send 'close' again: its slot would stay taken.
    if (response.destroyed) return close();
    const drained = () =>
      new Promise<void>((resolve) => {
        this.waiting.inc();
        wake = () => {
          wake = null;
          this.waiting.dec();
          response.off('drain', onDrain);
          resolve();
        };
        const onDrain = () => wake?.();
        response.once('drain', onDrain);
      });

    try {
      response.writeHead(200, {
        ...headers,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        // nginx buffers proxied answers unless told not to; an event stream must go through at once.
        'X-Accel-Buffering': 'no',
      });
      response.write(`retry: ${RETRY_MS}\n: ${query.after === undefined ? 'from the start of the log' : `after ${query.after}`}\n\n`);
      for await (const event of subscription) {
        if (closed) break;
        if (!selected(event, principal, query)) continue;
        const written = response.write(frame(event, principal));
        this.sent.inc();
        if (!written && !closed) await drained();
      }
    } catch (error) {
      // The client sees the stream end and reconnects with Last-Event-ID; operators see why.
      this.logger.error({ msg: 'event stream failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      close();
    }
  }

  /** Ends every stream, so the HTTP server can close (an open stream would hold it forever). */
  beforeApplicationShutdown(): void {
    for (const close of [...this.open]) close();
  }
}

function selected(event: RecordedEvent, principal: Principal, query: FeedQuery): boolean {
  if (query.types && !query.types.has(event.type)) return false;
  if (query.streamPrefixes && !query.streamPrefixes.some((prefix) => event.stream.startsWith(prefix))) return false;
  return maySee(principal, event.stream);
}

/** One SSE event; JSON never holds a raw line break, so `data` is one line. */
const frame = (event: RecordedEvent, principal: Principal) =>
  `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(feedEnvelope(event, principal))}\n\n`;
