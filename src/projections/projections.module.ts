import { Global, Module } from '@nestjs/common';
import { Clock, CLOCK } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { allProjections } from './all-projections';
import { PROJECTIONS, ProjectionsService } from './projections.service';

@Global()
@Module({
  providers: [{ provide: PROJECTIONS, inject: [EVENT_STORE, CLOCK], useFactory: (events: EventStore, clock: Clock) => allProjections({ events, clock }) }, ProjectionsService],
  exports: [ProjectionsService],
})
export class ProjectionsModule {}
