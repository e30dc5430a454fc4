import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '../auth/principal';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../projections/projections.service';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Stores reachable, and each projection’s checkpoint and lag behind the log. 503 when a store is down.' })
  check() {
    return this.health.check([
      () => this.store('eventStore', () => this.events.ping()),
      () => this.store('readStore', () => this.reads.ping()),
      async () => {
        const check = this.indicator.check('projections');
        try {
          const runners = await this.projections.health();
          // A failing projection is reported, but the API still serves: reads are only stale.
          return check.up({ runners });
        } catch (error) {
          return check.down({ message: error instanceof Error ? error.message : String(error) });
        }
      },
    ]);
  }

  private async store(key: string, ping: () => Promise<void>) {
    const check = this.indicator.check(key);
    try {
      await ping();
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
