import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';

const GIVEN_ID = /^[\w.:-]{1,100}$/;

/**
 * The correlation id of every event a request causes: the caller's when well formed, else a new one.
 * Fastify's request id (bootstrap.ts, genReqId), so the command context and the log name the same id.
 */
export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers['x-correlation-id'];
  return typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
}

type LoggedRequest = IncomingMessage & { id?: string; originalUrl?: string };

/**
 * One log line per request, in pino-http's shape (`req: { id, method, url }`,
 * `res: { statusCode }`, `responseTime`, "request completed"; "request errored"
 * at 500 and over), on the application's root logger (LoggerModule). Tokens,
 * headers and bodies never reach it: bodies hold names and ID numbers.
 *
 * Not pino-http through LoggerModule: that made a child logger per request,
 * serialised full request and response objects (response headers included), and
 * ran every request inside an AsyncLocalStorage, which turns on promise hooks for
 * the whole process and taxes every await; together about a tenth of a read.
 * Logs written during a request therefore name its correlation id themselves
 * where it matters (problem.filter.ts).
 */
export function requestLog() {
  return (request: LoggedRequest, response: ServerResponse, next: () => void): void => {
    const started = Date.now();
    request.id ??= correlationIdOf(request);
    response.setHeader('X-Correlation-Id', request.id);
    const done = () => {
      response.removeListener('finish', done);
      response.removeListener('close', done);
      // LoggerModule makes the root logger when the application initialises, after this is mounted.
      const log = PinoLogger.root;
      const fields = {
        req: { id: request.id, method: request.method, url: request.originalUrl ?? request.url },
        res: { statusCode: response.statusCode },
        responseTime: Date.now() - started,
      };
      if (response.statusCode >= 500) log.error(fields, 'request errored');
      else log.info(fields, response.writableFinished ? 'request completed' : 'request aborted');
    };
    response.on('finish', done);
    response.on('close', done);
    next();
  };
}
