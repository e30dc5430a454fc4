import { Module } from '@nestjs/common';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataService } from './personal-data.service';

/**
 * DELETE /api/employees/{id}/personal-data. The sealing of personal data itself
 * sits under every module, in the event store: the root gives sealPersonalData
 * (sealed-event-store.ts) to the stores module (app.module.ts).
 */
@Module({ controllers: [PersonalDataController], providers: [PersonalDataService] })
export class PersonalDataModule {}
