import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Config, CONFIG } from '../config/config';
import { AuditService } from './audit.service';

/**
 * Takes a checkpoint of the chain heads every AUDIT_CHECKPOINT_MINUTES (README,
 * Reports and audit). A timer of the application, not a rule of the domain. With
 * several replicas each takes its own: a checkpoint that loses the race for the
 * stream's revision is refused and the next tick tries again, so two are harmless.
 */
@Injectable()
export class CheckpointSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditCheckpoints');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.auditCheckpointMinutes;
    if (minutes <= 0) return;
    this.timer = setInterval(() => void this.tick(), minutes * 60_000);
    // A pending checkpoint never keeps the process alive at shutdown.
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { position } = await this.audit.checkpoint(new Date());
      this.logger.log({ msg: 'chain heads checkpointed', position });
    } catch (error) {
      // A refused checkpoint means the store changed since the last one: operators must see it.
      this.logger.error({ msg: 'could not checkpoint the chain heads', error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.running = false;
    }
  }
}
