import { Module } from '@nestjs/common';
import { InsuranceCommandsModule } from './insurance-commands.module';
import { InsuranceController } from './insurance.controller';

@Module({ imports: [InsuranceCommandsModule], controllers: [InsuranceController] })
export class InsuranceModule {}
