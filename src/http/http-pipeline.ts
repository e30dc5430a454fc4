import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { MetricsService } from '../metrics/metrics.service';
import { httpMetrics } from '../metrics/http-metrics.middleware';
import { installFileBody } from './file-upload';
import { installJsonBody } from './json-body';
import { noStore } from './no-store';
import { operatorKeysProblem } from './operator-keys';
import { requestLog } from './request-log';
import type { HelmetOptions } from 'helmet';
import { securityHeaders } from './security-headers';

const next = () => undefined;

/** The routes that take a file (http/file-upload.ts): the bureau's receipts. */
const UPLOAD_ROUTES = /^\/api\/filings\/[^/?]+\/receipts(\?|$)/;

/**
 * What every answer gets as its request arrives: the request log and its correlation
 * id (Fastify's request id, bootstrap.ts genReqId), no-store on /api, helmet's headers,
 * and, where given, the route timer. Set before anything can answer, so that the 404,
 * the body parser's 400 and a guard's 401 carry them too.
 */
function arrival(helmet: HelmetOptions, metrics?: MetricsService) {
  const log = requestLog();
  const timed = metrics && httpMetrics(metrics);
  const secure = securityHeaders(helmet);
  return (request: FastifyRequest, reply: FastifyReply): void => {
    const raw = request.raw as IncomingMessage & { id?: string };
    raw.id = request.id;
    log(raw, reply.raw, next);
    noStore(raw, reply.raw, next);
    timed?.(request, reply);
    secure(raw, reply.raw, next);
  };
}

/**
 * The request hooks around Nest's routing, as Fastify hooks rather than middleware
 * (Nest runs middleware through @fastify/middie, a second router per request):
 * the arrival (above), then the JSON body parser, then the refusal of MongoDB
 * operator keys, before any guard or handler.
 */
export function installHttpPipeline(fastify: FastifyInstance, metrics: MetricsService, helmet: HelmetOptions): void {
  const arrive = arrival(helmet, metrics);
  fastify.addHook('onRequest', (request, reply, done) => {
    arrive(request, reply);
    done();
  });
  installJsonBody(fastify);
  installFileBody(fastify, (url) => UPLOAD_ROUTES.test(url));
  fastify.addHook('preValidation', (request, _reply, done) => done(operatorKeysProblem(request.body, request.query)));
}

/**
 * Fastify's `frameworkErrors`: a path that does not percent-decode is refused by its
 * router before any hook runs. Answered as under Express (400 VALIDATION naming the
 * segment), with the headers of every answer.
 */
export function frameworkErrorAnswer(helmet: HelmetOptions) {
  const arrive = arrival(helmet);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    arrive(request, reply);
    const message =
      error.code === 'FST_ERR_BAD_URL'
        ? `Failed to decode param '${undecodableSegment(request.raw.url ?? '')}'`
        : 'The request URL could not be read';
    void reply.status(400).send({ statusCode: 400, code: 'VALIDATION', message });
  };
}

function undecodableSegment(url: string): string {
  return (
    url
      .split('?')[0]
      .split('/')
      .find((segment) => {
        try {
          decodeURIComponent(segment);
          return false;
        } catch {
          return true;
        }
      }) ?? url
  );
}
