import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { OffboardingController } from './offboarding.controller';
import { OffboardingService } from './offboarding.service';

@Module({ imports: [PoliciesModule], controllers: [OffboardingController], providers: [OffboardingService] })
export class OffboardingModule {}
