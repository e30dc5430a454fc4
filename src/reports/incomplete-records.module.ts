import { Module } from '@nestjs/common';
import { IncompleteRecordsController } from './incomplete-records.controller';
import { IncompleteRecordsService } from './incomplete-records.service';

/** GET /api/reports/incomplete-records; its projection runs with the others (projections/all-projections.ts). */
@Module({ controllers: [IncompleteRecordsController], providers: [IncompleteRecordsService] })
export class IncompleteRecordsModule {}
