import type { Options } from 'pino-http';

/**
 * The root logger's options (LoggerModule in app.module.ts); the request log writes
 * through it (request-log.ts).
 *
 * `wrapSerializers: false`: pino-http would otherwise install its `req`/`res`
 * serializers, made for Node's request and response objects. The request log hands
 * plain `{ statusCode }`, which the `res` serializer turns into `statusCode: null`
 * (it reads `headersSent` first), so no line said whether a login failed. The lines
 * are already shaped as pino-http's; `err` keeps pino's own serializer.
 */
export function rootLoggerOptions(level: string): Options {
  return {
    level,
    wrapSerializers: false,
    // Tokens and bodies never reach the log: bodies hold names and ID numbers.
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  };
}
