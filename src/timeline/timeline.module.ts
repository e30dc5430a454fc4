import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';

/** GET /api/employees/{id}/timeline; the projection itself runs with the others (projections/all-projections.ts). */
@Module({ controllers: [TimelineController], providers: [TimelineService] })
export class TimelineModule {}
