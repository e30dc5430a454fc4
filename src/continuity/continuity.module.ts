import { Module } from '@nestjs/common';
import { ContinuityGapsController } from './continuity-gaps.controller';
import { ContinuityController } from './continuity.controller';
import { ContinuityGapsService } from './continuity-gaps.service';
import { ContinuityService } from './continuity.service';

@Module({ controllers: [ContinuityController, ContinuityGapsController], providers: [ContinuityService, ContinuityGapsService] })
export class ContinuityModule {}
