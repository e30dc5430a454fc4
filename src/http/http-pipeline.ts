import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { MetricsService } from '../metrics/metrics.service';
import { httpMetrics } from '../metrics/http-metrics.middleware';
import { installJsonBody } from './json-body';
import { noStore } from './no-store';
import { operatorKeysProblem } from './operator-keys';
import { requestLog } from './request-log';
import { securityHeaders } from './security-headers';

const next = () => undefined;

/**
 * What every request passes through around Nest's routing, as Fastify hooks rather
 * than middleware (Nest runs middleware through @fastify/middie, a second router
 * per request): the request log and correlation id, no-store on /api, the route
 * timer and helmet's headers as the request arrives, so that every answer carries
 * them, the 404 and the body parser's 400 included; then the JSON body parser;
 * then the refusal of MongoDB operator keys, before any guard or handler.
 */
export function installHttpPipeline(fastify: FastifyInstance, metrics: MetricsService): void {
  const log = requestLog();
  const timed = httpMetrics(metrics);
  const secure = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    // The correlation id is Fastify's request id (bootstrap.ts, genReqId); the log names it too.
    const raw = request.raw as IncomingMessage & { id?: string };
    raw.id = request.id;
    log(raw, reply.raw, next);
    noStore(raw, reply.raw, next);
    timed(request, reply);
    secure(raw, reply.raw, next);
    done();
  });
  installJsonBody(fastify);
  fastify.addHook('preValidation', (request, _reply, done) => done(operatorKeysProblem(request.body, request.query)));
}
