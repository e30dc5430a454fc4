import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '../config/config';
import { EVENT_STORE, EventStore } from './event-store/event-store.port';
import { KEY_STORE } from './key-store/key-store.port';
import { READ_STORE, ReadStore } from './read-store/read-store.port';
import { ApplicationEventStore, createEmbeddedEventStore, createKeyStore, createRawEventStore, createReadStore } from './stores';

/**
 * The event store as stored, personal data sealed: for verifying hash chains
 * (which cover the stored form) and nothing else. Everything else uses
 * EVENT_STORE, which opens personal data on read.
 */
export const RAW_EVENT_STORE = Symbol('RawEventStore');

/**
 * Whether projections may run in a worker thread, as this module chose the log:
 * the embedded SQLite store (the same as RAW_EVENT_STORE), which a worker opens
 * itself and is woken by this thread's commits; null on EventStoreDB, where they
 * run in the request thread.
 */
export const WORKER_SHARED_EVENT_STORE = Symbol('WorkerSharedEventStore');

@Injectable()
class StoresLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  /** Runs after the HTTP server and the projection runners have stopped; EVENT_STORE closes the raw store and the key store it wraps. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.reads.close()]);
  }
}

@Global()
@Module({})
export class StoresModule {
  /** `application` makes EVENT_STORE over the stored log and the keys (the root gives the personal-data feature's sealing). */
  static forRoot(application: ApplicationEventStore): DynamicModule {
    return {
      module: StoresModule,
      providers: [
        { provide: WORKER_SHARED_EVENT_STORE, inject: [CONFIG], useFactory: createEmbeddedEventStore },
        { provide: RAW_EVENT_STORE, inject: [CONFIG, WORKER_SHARED_EVENT_STORE], useFactory: createRawEventStore },
        { provide: KEY_STORE, inject: [CONFIG], useFactory: createKeyStore },
        { provide: EVENT_STORE, inject: [RAW_EVENT_STORE, KEY_STORE], useFactory: application },
        { provide: READ_STORE, inject: [CONFIG], useFactory: createReadStore },
        StoresLifecycle,
      ],
      exports: [EVENT_STORE, RAW_EVENT_STORE, WORKER_SHARED_EVENT_STORE, KEY_STORE, READ_STORE],
    };
  }
}
