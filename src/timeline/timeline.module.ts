import { Module } from '@nestjs/common';
import { EmployeesModule } from '../employees/employees.module';
import { TimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';

/** GET /api/employees/{id}/timeline; the projection itself runs with the others (projections/all-projections.ts). */
@Module({ imports: [EmployeesModule], controllers: [TimelineController], providers: [TimelineService] })
export class TimelineModule {}
