import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/**
 * Times each request under its route pattern (never the raw path, which holds
 * employee ids). A plain Express middleware mounted in bootstrap.ts: through
 * Nest's middleware consumer each request also paid for a wrapper and a route match.
 */
export function httpMetrics(metrics: MetricsService) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = metrics.httpRequests.startTimer({ method: request.method });
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path;
      stop({ route: route ? `${request.baseUrl}${route}` : 'unmatched', status: String(response.statusCode) });
    });
    next();
  };
}
