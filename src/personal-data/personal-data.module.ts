import { Module } from '@nestjs/common';
import { ErasePersonalDataHandler } from './commands/erase-personal-data.handler';
import { PersonalDataController } from './personal-data.controller';

/**
 * DELETE /api/employees/{id}/personal-data. The sealing of personal data itself
 * sits under every module, in the event store: the root gives sealPersonalData
 * (sealed-event-store.ts) to the stores module (app.module.ts).
 */
@Module({ controllers: [PersonalDataController], providers: [ErasePersonalDataHandler] })
export class PersonalDataModule {}
