import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '../config/config';
import { EVENT_STORE, EventStore } from './event-store/event-store.port';
import { READ_STORE, ReadStore } from './read-store/read-store.port';
import { createEventStore, createReadStore } from './stores';

@Injectable()
class StoresLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  /** Runs after the HTTP server and the projection runners have stopped. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.reads.close()]);
  }
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, inject: [CONFIG], useFactory: createEventStore },
    { provide: READ_STORE, inject: [CONFIG], useFactory: createReadStore },
    StoresLifecycle,
  ],
  exports: [EVENT_STORE, READ_STORE],
})
export class StoresModule {}
