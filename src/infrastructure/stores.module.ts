import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '../config/config';
import { SealingEventStore } from '../personal-data/sealing-event-store';
import { EVENT_STORE, EventStore } from './event-store/event-store.port';
import { KEY_STORE, KeyStore } from './key-store/key-store.port';
import { READ_STORE, ReadStore } from './read-store/read-store.port';
import { createKeyStore, createRawEventStore, createReadStore } from './stores';

/**
 * The event store as stored, personal data sealed: for verifying hash chains
 * (which cover the stored form) and nothing else. Everything else uses
 * EVENT_STORE, which opens personal data on read.
 */
export const RAW_EVENT_STORE = Symbol('RawEventStore');

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
@Module({
  providers: [
    { provide: RAW_EVENT_STORE, inject: [CONFIG], useFactory: createRawEventStore },
    { provide: KEY_STORE, inject: [CONFIG], useFactory: createKeyStore },
    { provide: EVENT_STORE, inject: [RAW_EVENT_STORE, KEY_STORE], useFactory: (raw: EventStore, keys: KeyStore) => new SealingEventStore(raw, keys) },
    { provide: READ_STORE, inject: [CONFIG], useFactory: createReadStore },
    StoresLifecycle,
  ],
  exports: [EVENT_STORE, RAW_EVENT_STORE, KEY_STORE, READ_STORE],
})
export class StoresModule {}
