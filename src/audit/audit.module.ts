import { Module } from '@nestjs/common';
import { Config, CONFIG } from '../config/config';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { CheckpointSchedule } from './checkpoint-schedule';
import { loadOrCreateSigningKey, SIGNING_KEY } from './signing-key';

/** /api/audit: replay, tamper evidence and the key of evidence packages (created on first start). */
@Module({
  controllers: [AuditController],
  providers: [
    AuditService,
    CheckpointSchedule,
    { provide: SIGNING_KEY, inject: [CONFIG], useFactory: (config: Config) => loadOrCreateSigningKey(config.dataDir) },
  ],
})
export class AuditModule {}
