import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies';
import { SeveranceController } from './severance.controller';
import { SeveranceService } from './severance.service';

@Module({ imports: [PoliciesModule], controllers: [SeveranceController], providers: [SeveranceService] })
export class SeveranceModule {}
