import { Module } from '@nestjs/common';
import { WorklistController } from './worklist.controller';
import { WorklistService } from './worklist.service';

/** GET /api/worklist; its projection runs with the others (app.projections.ts). */
@Module({ controllers: [WorklistController], providers: [WorklistService] })
export class WorklistModule {}
