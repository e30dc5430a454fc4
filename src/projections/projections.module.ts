import { Global, Module } from '@nestjs/common';
import { ALL_PROJECTIONS } from './all-projections';
import { PROJECTIONS, ProjectionsService } from './projections.service';

@Global()
@Module({
  providers: [{ provide: PROJECTIONS, useValue: ALL_PROJECTIONS }, ProjectionsService],
  exports: [ProjectionsService],
})
export class ProjectionsModule {}
