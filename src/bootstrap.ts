import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { Config } from './config/config';
import { withIdempotencyKey } from './http/idempotency-openapi';
import { withMinPosition } from './http/min-position-openapi';
import { withProblems } from './http/problem-openapi';
import { withClosedBodies } from './http/closed-bodies-openapi';
import { withEventDataSchemas } from './feed';
import { frameworkErrorAnswer, installHttpPipeline } from './http/http-pipeline';
import { MAX_JSON_BYTES } from './http/json-body';
import { correlationIdOf } from './http/request-log';
import { loosePermissions } from './infrastructure/data-dir';
import { validationPipe } from './http/validation';
import { helmetOptionsFor } from './http/security-headers';
import { MetricsService } from './metrics/metrics.service';
import { serveConsole } from './web-console/serve-console';

/** Builds the HTTP application (used by main.ts and by the end-to-end tests). */
export async function createApp(config: Config, options: AppOptions = {}): Promise<NestFastifyApplication> {
  // Fastify: a bare Nest route answers several times the requests per second it does on Express (BENCHMARKS.md, bench:api).
  // The console fetches the IdP's token endpoint (authorization code with PKCE): its origin joins connect-src.
  const helmet = helmetOptionsFor(config.oidc && new URL(config.oidc.issuer).origin);
  const adapter = new FastifyAdapter({
    bodyLimit: MAX_JSON_BYTES,
    genReqId: correlationIdOf,
    frameworkErrors: frameworkErrorAnswer(helmet),
    // Fastify's default (100) would answer 414 for a long path value, where a field's own rule answers 400 naming it.
    routerOptions: { maxParamLength: 16 * 1024 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
    // The JSON parser is ours (http/json-body.ts, installed with the other hooks).
    bodyParser: false,
    // Throw instead of exiting, so main.ts and the tests see why start-up failed.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Never fatal: the operator may have opened DATA_DIR to a backup user on purpose; they are told, by path and mode.
  for (const warning of loosePermissions(config.dataDir)) app.get(Logger).warn(warning, 'DataDir');
  // Request log, no-store, metrics, helmet's headers, the body parser with its limits, operator keys (http-pipeline.ts).
  installHttpPipeline(app.getHttpAdapter().getInstance(), app.get(MetricsService), helmet);
  // The web console's built files at /console/ (same origin, same headers); a checkout not built is told so.
  const console = await serveConsole(app.getHttpAdapter().getInstance(), config.consoleDir);
  if (!console.built) app.get(Logger).warn(`No web console in ${config.consoleDir}: /console answers 503 until npm run build`, 'Console');
  // No cross-origin access unless CORS_ORIGINS lists the front-ends' origins. Answered after the request
  // hooks (preParsing), so that a preflight is logged and carries the same headers as before.
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id', 'X-Min-Position', 'Last-Event-ID'],
      exposedHeaders: ['X-Correlation-Id', 'Retry-After'],
      hook: 'preParsing',
    });
  }
  app.useGlobalPipes(validationPipe());
  const generated = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Offboarding ledger')
      .setDescription('Personnel archives, social insurance and offboarding, as an immutable event log (see API.md).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // Each step declares, once for every route, what the decorators leave out; withProblems after
  // the steps whose 422 and 503 it gives the Problem schema.
  const document = [withIdempotencyKey, withMinPosition, withEventDataSchemas, withProblems, withClosedBodies].reduce(
    (built, step) => step(built),
    generated,
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
