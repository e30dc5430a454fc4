import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ProjectionsService } from '../projections/projections.service';

/** Prometheus metrics: process defaults, HTTP requests, and each projection's checkpoint and lag. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests: Histogram<'method' | 'route' | 'status'>;

  constructor(projections: ProjectionsService) {
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'projection_lag_positions',
      help: 'Positions of the global log not yet applied by the projection',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        for (const p of await projections.health()) this.set({ projection: p.projection }, Number(p.lag));
      },
    });
    new Gauge({
      name: 'projection_checkpoint_position',
      help: 'Last global position applied by the projection',
      labelNames: ['projection'],
      registers: [this.registry],
      collect() {
        for (const runner of projections.runners) {
          const status = runner.status();
          this.set({ projection: status.projection }, Number(status.checkpoint ?? 0n));
        }
      },
    });
    new Gauge({
      name: 'projection_failing',
      help: '1 while the projection is retrying a failed batch',
      labelNames: ['projection'],
      registers: [this.registry],
      collect() {
        for (const runner of projections.runners) {
          const status = runner.status();
          this.set({ projection: status.projection }, status.state === 'failing' ? 1 : 0);
        }
      },
    });
  }
}
