import type { FastifyReply, FastifyRequest } from 'fastify';
import { MetricsService } from './metrics.service';

/**
 * Times each request under its route pattern (never the raw path, which holds
 * employee ids). Run from Fastify's request hook (http/http-pipeline.ts): through
 * Nest's middleware consumer each request also paid for a wrapper and a route match.
 */
export function httpMetrics(metrics: MetricsService) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    const stop = metrics.httpRequests.startTimer({ method: request.method });
    reply.raw.once('finish', () => {
      const route = request.is404 ? undefined : request.routeOptions.url;
      stop({ route: route ?? 'unmatched', status: String(reply.raw.statusCode) });
    });
  };
}
